// The dashboard's weekly chart (ECharts): shown alerts per week stacked by category (bars, left axis)
// and each category's override rate in percent (lines, right axis). Data from the data-chart attribute.
(function () {
  'use strict';
  var el = document.getElementById('weekly-chart');
  if (!el || !window.echarts) {
    return;
  }
  var data = JSON.parse(el.getAttribute('data-chart'));
  var colours = ['#1f5f99', '#b3261e', '#d08a00', '#1e6b3a', '#6a3d9a', '#8c564b', '#17becf'];
  var series = [];
  data.categories.forEach(function (c, i) {
    var colour = colours[i % colours.length];
    series.push({ name: c.name, type: 'bar', stack: 'alerts', data: c.alerts, itemStyle: { color: colour } });
    series.push({ name: c.name + ' override %', type: 'line', yAxisIndex: 1, data: c.rate, connectNulls: true,
      symbol: 'circle', lineStyle: { type: 'dashed', color: colour }, itemStyle: { color: colour } });
  });
  var chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    legend: { top: 0, type: 'scroll' },
    grid: { left: 56, right: 64, top: 48, bottom: 36 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: data.weeks, name: 'week from', nameLocation: 'middle', nameGap: 26 },
    yAxis: [
      { type: 'value', name: 'alerts shown', nameLocation: 'middle', nameGap: 38, minInterval: 1 },
      { type: 'value', name: 'override rate (%)', nameLocation: 'middle', nameGap: 40, min: 0, max: 100,
        splitLine: { show: false } }
    ],
    series: series
  });
  window.addEventListener('resize', function () { chart.resize(); });
})();
