package org.cradle.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.cradle.casefile.CaseFileReader;
import org.cradle.casefile.Section;
import org.cradle.chronology.Event;

/**
 * A file's events in batches, read on a thread of their own so that parsing overlaps with storing (the machine has
 * two cores; an import would otherwise use one). At most a few batches wait, so memory stays bounded.
 */
final class EventBatches implements AutoCloseable {

    private static final List<Event> END = List.of();

    private final BlockingQueue<List<Event>> queue = new ArrayBlockingQueue<>(4);
    private final Thread reader;
    private volatile Throwable failure;
    private volatile boolean closed;

    EventBatches(Path file, String areaCode, int size) {
        reader = new Thread(() -> {
            try {
                var batch = new ArrayList<Event>(size);
                CaseFileReader.read(file, areaCode, EnumSet.of(Section.EVENTS), new CaseFileReader.Sink() {
                    @Override
                    public void event(Event e) {
                        batch.add(e);
                        if (batch.size() == size) {
                            put(List.copyOf(batch));
                            batch.clear();
                        }
                    }
                });
                if (!batch.isEmpty()) {
                    put(List.copyOf(batch));
                }
            } catch (IOException | RuntimeException e) {
                failure = e;
            } finally {
                put(END);
            }
        }, "cradle-import-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void put(List<Event> batch) {
        try {
            while (!closed && !queue.offer(batch, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                Thread.onSpinWait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next batch, or null when the file is read. */
    List<Event> next() throws IOException {
        try {
            List<Event> batch = queue.take();
            if (batch == END) {
                if (failure instanceof IOException io) {
                    throw io;
                }
                if (failure != null) {
                    throw new IllegalStateException("reading the file failed: " + failure.getMessage(), failure);
                }
                return null;
            }
            return batch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the file", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
    }
}
