package org.tapercds.admin;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Watches the rules and profiles directories (every folder below them, links followed, hidden
 * folders skipped as the loader skips them) and asks for one reload once the files have stayed
 * unchanged for the debounce: an editor's save or a {@code git pull} is many file events, and a
 * reload compiles and runs every scenario. Events that arrive during a reload give one more reload
 * after it.
 *
 * <p>A Kubernetes ConfigMap volume is updated by writing the files into a new hidden timestamped
 * folder and renaming a {@code ..data} link to it, atomically; the top-level entries are links
 * through {@code ..data}. The directory itself is watched, so the rename of {@code ..data} is seen
 * (other hidden names, such as the timestamped folders or an editor's swap files, are not reasons to
 * reload), and the folders are registered again after every change, since the old timestamped
 * folder is deleted. When a directory is itself a link (a volume holding both directories, mounted
 * above them: {@code rules -> ..data/rules}), the folder holding the link is watched too, for {@code
 * ..data} and that link only.
 */
final class RuleFileWatcher implements SmartLifecycle {

    /** The link a ConfigMap volume swaps atomically to publish new files. */
    static final String CONFIG_MAP_DATA = "..data";

    private static final Logger log = LoggerFactory.getLogger(RuleFileWatcher.class);

    private final List<Path> roots;
    private final Duration debounce;
    private final Runnable reload;
    private volatile WatchService service;
    private volatile Thread thread;
    /** Folders registered for the links to a directory in them only: the names that matter there. */
    private volatile Map<Path, Set<String>> linkFolders = Map.of();
    /** The directories and every folder below them, as last registered. */
    private volatile Set<Path> watched = Set.of();

    /**
     * @param reload asks for the reload; run on the watcher's thread, one at a time
     */
    RuleFileWatcher(List<Path> roots, Duration debounce, Runnable reload) {
        this.roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.debounce = debounce;
        this.reload = reload;
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        try {
            service = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            log.warn(
                    "rule files are not watched: no watch service ({}); reload with POST /admin/rules/reload",
                    e.getClass().getName());
            return;
        }
        registerAll();
        thread = new Thread(this::run, "rule-file-watch");
        thread.setDaemon(true);
        thread.start();
        log.info("watching {} for changes; a reload follows {} ms after the last one", roots, debounce.toMillis());
    }

    @Override
    public synchronized void stop() {
        Thread running = thread;
        if (running == null) {
            return;
        }
        thread = null;
        try {
            service.close();
        } catch (IOException e) {
            log.debug("closing the watch service failed: {}", e.getClass().getName());
        }
        running.interrupt();
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                boolean changed = drain(service.take());
                WatchKey next;
                while ((next = service.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    changed |= drain(next);
                }
                if (changed) {
                    registerAll();
                    reloadOnce();
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void reloadOnce() {
        try {
            reload.run();
        } catch (RuntimeException e) {
            // The reload records its own refusals; this is anything else, by class only.
            log.warn("rule reload after a file change failed: {}", e.getClass().getName());
        }
    }

    /** The events of one key; whether any of them is a reason to reload. */
    private boolean drain(WatchKey key) {
        Set<String> only =
                key.watchable() instanceof Path folder && !watched.contains(folder) ? linkFolders.get(folder) : null;
        boolean changed = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW || !(event.context() instanceof Path name)) {
                changed = true;
            } else if (only == null ? relevant(name.toString()) : linkRelevant(name.toString(), only)) {
                changed = true;
            }
        }
        key.reset(); // false when the folder is gone; registerAll() picks up what replaced it
        return changed;
    }

    /** Hidden names are not read by the loader, except the link a ConfigMap update renames. */
    static boolean relevant(String name) {
        return !name.startsWith(".") || name.equals(CONFIG_MAP_DATA);
    }

    /** In the folder holding a linked directory: {@code ..data} or the link itself. */
    static boolean linkRelevant(String name, Set<String> links) {
        return name.equals(CONFIG_MAP_DATA) || links.contains(name);
    }

    /**
     * Registers each root and every folder below it, and the folder holding a root that is a link;
     * registering a folder again is harmless.
     */
    private void registerAll() {
        Set<Path> registered = new HashSet<>();
        Map<Path, Set<String>> links = new HashMap<>();
        for (Path root : roots) {
            if (Files.isSymbolicLink(root) && root.getParent() != null) {
                links.computeIfAbsent(root.getParent(), p -> new HashSet<>())
                        .add(root.getFileName().toString());
                register(root.getParent());
            }
            try {
                Files.walkFileTree(
                        root,
                        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
                        Integer.MAX_VALUE,
                        new Register(root, registered));
            } catch (IOException e) {
                log.warn(
                        "{} cannot be watched completely: {}",
                        root,
                        e.getClass().getName());
            }
        }
        linkFolders = Map.copyOf(links);
        watched = Set.copyOf(registered);
    }

    private void register(Path folder) {
        try {
            folder.register(
                    service,
                    StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            // Gone between listing and registering (a ConfigMap update underway): the next change
            // registers again.
            log.debug("{} not watched: {}", folder, e.getClass().getName());
        }
    }

    private final class Register extends SimpleFileVisitor<Path> {

        private final Path root;
        private final Set<Path> registered;

        Register(Path root, Set<Path> registered) {
            this.root = root;
            this.registered = registered;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
            if (!dir.equals(root) && dir.getFileName().toString().startsWith(".")) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            register(dir);
            registered.add(dir);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE;
        }
    }
}
