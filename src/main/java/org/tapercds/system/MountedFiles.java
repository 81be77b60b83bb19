package org.tapercds.system;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lists the files of a directory tree that informaticists edit ({@code rules/}, {@code
 * fhir-profiles/}) the same way whether it is a checkout or a Kubernetes ConfigMap volume. A
 * ConfigMap volume holds its files in a hidden, timestamped folder ({@code ..2026_11_24_...})
 * reached through the {@code ..data} link, with one link per top-level entry: so links are followed
 * and every path with a part starting with {@code .} is skipped. Otherwise files would be read
 * twice and the content hash (the rule base version) would differ between replicas.
 */
public final class MountedFiles {

    private MountedFiles() {}

    /** Regular files below {@code root} (links followed, hidden parts skipped), sorted by path. */
    public static List<Path> list(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> !hidden(root.relativize(file)))
                    .sorted()
                    .toList();
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
