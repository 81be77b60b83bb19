package org.tapercds.system;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An http(s) URL prefix compared part by part, never as a string: scheme and host equal (ignoring
 * case and a trailing dot), port equal (the scheme's default when absent), and the path's segments
 * a prefix of the candidate's ({@code /R4} holds {@code /R4} and {@code /R4/Patient}, not {@code
 * /R40}). So {@code https://fhir.example.org.evil.com} and {@code https://fhir.example.org@evil.com}
 * are not under {@code https://fhir.example.org}. A candidate with user info, a dot segment left
 * after normalising, or an encoded dot, slash or backslash in its path is under no prefix (a server
 * may decode those into a path outside the prefix).
 */
public final class UrlPrefix {

    private final String scheme;
    private final String host;
    private final int port;
    private final List<String> segments;

    private UrlPrefix(String scheme, String host, int port, List<String> segments) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.segments = segments;
    }

    /**
     * A prefix from configuration or from a request's {@code fhirServer}: an absolute http(s) URL
     * with a host, no user info, query or fragment.
     *
     * @throws IllegalArgumentException when it is not
     */
    public static UrlPrefix of(String url) {
        try {
            return of(new URI(url.trim()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url);
        }
    }

    /** As {@link #of(String)}. */
    public static UrlPrefix of(URI url) {
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("a FHIR server base URL has no query or fragment: " + url);
        }
        return parse(url)
                .orElseThrow(() -> new IllegalArgumentException(
                        "not an absolute http(s) URL with a host and no user info: " + url));
    }

    /** True when {@code candidate} (any query is ignored) is this prefix or lies under it. */
    public boolean contains(URI candidate) {
        Optional<UrlPrefix> other = parse(candidate);
        if (other.isEmpty()) {
            return false;
        }
        UrlPrefix url = other.get();
        return url.scheme.equals(scheme)
                && url.host.equals(host)
                && url.port == port
                && url.segments.size() >= segments.size()
                && url.segments.subList(0, segments.size()).equals(segments);
    }

    /** True when {@code candidate} is a URL under this prefix; false for anything unparsable. */
    public boolean contains(String candidate) {
        try {
            return contains(new URI(candidate));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Optional<UrlPrefix> parse(URI url) {
        if (!url.isAbsolute() || url.isOpaque() || url.getRawUserInfo() != null || url.getHost() == null) {
            return Optional.empty();
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort;
        if (scheme.equals("https")) {
            defaultPort = 443;
        } else if (scheme.equals("http")) {
            defaultPort = 80;
        } else {
            return Optional.empty();
        }
        String host = url.getHost().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String path = url.normalize().getRawPath();
        path = path == null ? "" : path;
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || path.contains("\\")) {
            return Optional.empty();
        }
        List<String> segments = Arrays.stream(path.split("/"))
                .filter(segment -> !segment.isEmpty())
                .toList();
        if (segments.contains("..") || segments.contains(".")) {
            return Optional.empty();
        }
        return Optional.of(new UrlPrefix(scheme, host, url.getPort() == -1 ? defaultPort : url.getPort(), segments));
    }

    /** The host, lower case: fit for a log line (a base URL's host is no patient data). */
    public String host() {
        return host;
    }

    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port + "/" + String.join("/", segments);
    }
}
