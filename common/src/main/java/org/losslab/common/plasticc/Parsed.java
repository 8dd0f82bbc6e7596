package org.losslab.common.plasticc;

/** The outcome of parsing one input row: a typed value or the reason it was rejected. */
public sealed interface Parsed<T> {

    record Accepted<T>(T value) implements Parsed<T> {
    }

    record Rejected<T>(Rejection rejection) implements Parsed<T> {
    }

    static <T> Parsed<T> accepted(T value) {
        return new Accepted<>(value);
    }

    static <T> Parsed<T> rejected(Rejection rejection) {
        return new Rejected<>(rejection);
    }
}
