package org.losslab.jobs.spark;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A lazy per-partition iterator: each input item becomes at most one output ({@link #process} returns null
 * to skip it), {@link #onEnd} runs once when the input is exhausted, and a failure while reading the input
 * (Spark's readers throw IOExceptions undeclared) goes through {@link #readFailure} so that subclasses can
 * say which file and line they were at.
 */
public abstract class SkippingIterator<T, R> implements Iterator<R> {
    private final Iterator<T> input;
    private R next;
    private boolean ended;

    protected SkippingIterator(Iterator<T> input) {
        this.input = input;
    }

    /** The output for one input item, or null to emit nothing for it. */
    protected abstract R process(T item);

    /** Called once after the last input item. */
    protected void onEnd() {
    }

    /** The exception to throw when reading the input failed. */
    protected RuntimeException readFailure(Exception e) {
        return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.toString(), e);
    }

    @Override
    public final boolean hasNext() {
        while (next == null) {
            T item;
            try {
                if (!input.hasNext()) {
                    if (!ended) {
                        ended = true;
                        onEnd();
                    }
                    return false;
                }
                item = input.next();
            } catch (Exception e) { // the reader's IOException arrives undeclared through Scala
                throw readFailure(e);
            }
            next = process(item);
        }
        return true;
    }

    @Override
    public final R next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        R result = next;
        next = null;
        return result;
    }
}
