package org.tapercds.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import org.tapercds.system.MountedFiles;
import org.tapercds.system.Sha256;

/** Listing, hashing and naming the files of a rules or profiles directory. */
final class RuleFiles {

    private RuleFiles() {}

    static List<Path> list(Path root, Predicate<Path> filter) {
        try {
            return MountedFiles.list(root).stream().filter(filter).toList();
        } catch (IOException e) {
            throw new RuleBaseException(root + ": cannot be listed (" + e.getMessage() + ")");
        }
    }

    static List<Path> withSuffix(Path root, String suffix) {
        return list(root, p -> p.toString().endsWith(suffix));
    }

    /** SHA-256 over every file's relative path and content: the version shown by the admin API. */
    static String hash(List<Path> roots) {
        try {
            MessageDigest digest = Sha256.digest();
            for (Path root : roots) {
                for (Path file : MountedFiles.list(root)) {
                    digest.update(relative(root, file).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    digest.update(Files.readAllBytes(file));
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new RuleBaseException("the rule files cannot be read (" + e.getMessage() + ")");
        }
    }

    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
