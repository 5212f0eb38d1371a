package io.storefront.webhooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/** A fixed number of named platform threads running one loop each: started together, joined by one deadline. */
final class LoopThreads {

    private final List<Thread> threads = new ArrayList<>();

    /** Starts {@code count} threads; each runs {@code loop} with its number, 0 to count - 1. */
    synchronized void start(String namePrefix, int count, IntConsumer loop) {
        for (int i = 0; i < count; i++) {
            int number = i;
            Thread thread = new Thread(() -> loop.accept(number), namePrefix + i);
            thread.start();
            threads.add(thread);
        }
    }

    synchronized int size() {
        return threads.size();
    }

    /** Waits for every loop to end (their stop condition already set); @return the threads still running. */
    synchronized List<Thread> join(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Thread> stillRunning = new ArrayList<>();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                stillRunning.add(thread);
            }
        }
        threads.clear();
        return stillRunning;
    }
}
