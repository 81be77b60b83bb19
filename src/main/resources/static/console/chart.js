// The taper chart of the alert and patient pages (ECharts). The data comes computed from the server
// in the element's data-chart attribute (console/ChartData.java): recorded and draft dose change points
// as step lines, the safe envelope and withdrawal scores; this file only styles it.
(function () {
  'use strict';
  var el = document.getElementById('taper-chart');
  if (!el || !window.echarts) {
    return;
  }
  var data = JSON.parse(el.getAttribute('data-chart'));
  var percent = data.maxReductionPercent;
  var series = [
    {
      id: 'dose', name: 'Daily dose (recorded)', type: 'line', step: 'end', data: data.recorded,
      connectNulls: false, symbol: 'circle', symbolSize: 6, lineStyle: { width: 3, color: '#1f5f99' },
      itemStyle: { color: '#1f5f99' }, z: 4,
      markLine: {
        symbol: 'none', silent: true, label: { formatter: 'alert', position: 'insideStartTop' },
        lineStyle: { color: '#5b6877', type: 'dotted' }, data: [{ xAxis: data.alertDay }]
      }
    },
    {
      id: 'envelope', name: 'Lowest dose the limit allows (' + percent + ' % / ' + data.windowDays + ' d)',
      type: 'line', step: 'end', data: data.envelope, symbol: 'none', connectNulls: false,
      lineStyle: { type: 'dashed', width: 2, color: '#b3261e' }, itemStyle: { color: '#b3261e' },
      areaStyle: { color: 'rgba(179, 38, 30, 0.08)' }, z: 2
    }
  ];
  if (data.draft.length > 0) {
    series.push({
      id: 'draft', name: 'Draft order (not yet signed)', type: 'line', step: 'end', data: data.draft,
      symbol: 'emptyCircle', symbolSize: 7, lineStyle: { width: 3, type: [6, 4], color: '#d08a00' },
      itemStyle: { color: '#d08a00' }, z: 5,
      markArea: {
        silent: true, itemStyle: { color: 'rgba(208, 138, 0, 0.07)' },
        label: { formatter: 'draft / future', color: '#8a5a00', position: 'insideTop' },
        data: [[{ xAxis: data.draft[0][0] }, { xAxis: data.end }]]
      }
    });
  }
  var scoreColours = ['#6a3d9a', '#1e6b3a', '#8c564b', '#e377c2'];
  Object.keys(data.scores).forEach(function (instrument, i) {
    series.push({
      id: 'score-' + instrument, name: instrument, type: 'line', yAxisIndex: 1,
      data: data.scores[instrument], symbol: 'diamond', symbolSize: 9,
      lineStyle: { width: 1.5, color: scoreColours[i % scoreColours.length] },
      itemStyle: { color: scoreColours[i % scoreColours.length] }, z: 6
    });
  });
  var chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 64, right: 64, top: 48, bottom: 72 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'line' } },
    xAxis: { type: 'time', max: data.end, axisLabel: { hideOverlap: true } },
    // The weeks around the alert in view at first; drag or scroll to see the whole history.
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none', startValue: data.shownFrom, endValue: data.end },
      { type: 'slider', xAxisIndex: 0, filterMode: 'none', startValue: data.shownFrom, endValue: data.end,
        height: 18, bottom: 10, labelFormatter: '' }
    ],
    yAxis: [
      { type: 'value', name: 'mg diazepam-eq. / day', nameLocation: 'middle', nameGap: 44, min: 0 },
      { type: 'value', name: 'withdrawal score', nameLocation: 'middle', nameGap: 40, min: 0,
        splitLine: { show: false } }
    ],
    series: series
  });
  window.addEventListener('resize', function () { chart.resize(); });
})();
