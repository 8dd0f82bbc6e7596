package org.losslab.common.grokking;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The grokking probe's dataset: every pair {@code (a, b)} in {@code [0, p)^2} labelled {@code a op b mod p}, and a
 * seeded random split of the pairs into training and validation. Division is {@code a * b^-1 mod p}, defined for
 * {@code b != 0} and a prime {@code p}; its pairs with {@code b = 0} are not part of the task.
 */
public record ModularArithmetic(int p, Op op) {

    /** The binary operation, by its CLI name. */
    public enum Op {
        ADD, SUB, MUL, DIV;

        public static Op parse(String name) {
            return switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "add", "+" -> ADD;
                case "sub", "subtract", "-" -> SUB;
                case "mul", "multiply", "*" -> MUL;
                case "div", "divide", "/" -> DIV;
                default -> throw new IllegalArgumentException("Unknown operation '" + name
                        + "': use add, sub, mul or div");
            };
        }

        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One example: operands and label. */
    public record Example(int a, int b, int label) {
    }

    /** The split: training and validation examples, disjoint, together all of the task's pairs. */
    public record Split(List<Example> train, List<Example> validation) {
    }

    public ModularArithmetic {
        if (p < 2) {
            throw new IllegalArgumentException("Cannot build modular arithmetic with p = " + p + ": p must be >= 2");
        }
        if (op == Op.DIV && !BigInteger.valueOf(p).isProbablePrime(50)) {
            throw new IllegalArgumentException("Cannot divide modulo " + p + ": division needs a prime p");
        }
    }

    /** {@code a op b mod p}; for division {@code b} must not be 0. */
    public int apply(int a, int b) {
        return switch (op) {
            case ADD -> (a + b) % p;
            case SUB -> Math.floorMod(a - b, p);
            case MUL -> (int) ((long) a * b % p);
            case DIV -> {
                if (b == 0) {
                    throw new ArithmeticException("division by 0 modulo " + p);
                }
                yield (int) ((long) a * BigInteger.valueOf(b).modInverse(BigInteger.valueOf(p)).longValueExact() % p);
            }
        };
    }

    /** Every pair of the task in row-major order of (a, b). */
    public List<Example> examples() {
        List<Example> all = new ArrayList<>(p * p);
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                if (op != Op.DIV || b != 0) {
                    all.add(new Example(a, b, apply(a, b)));
                }
            }
        }
        return all;
    }

    /**
     * A seeded random split: {@code round(trainFraction * n)} examples for training, the rest for validation.
     * Both sides must end up non-empty.
     */
    public Split split(double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("Cannot split with a train fraction of " + trainFraction
                    + ": it must be in (0, 1)");
        }
        List<Example> all = examples();
        Collections.shuffle(all, new Random(seed));
        int train = (int) Math.round(trainFraction * all.size());
        if (train == 0 || train == all.size()) {
            throw new IllegalArgumentException("A train fraction of " + trainFraction + " of " + all.size()
                    + " pairs leaves one side of the split empty");
        }
        return new Split(List.copyOf(all.subList(0, train)), List.copyOf(all.subList(train, all.size())));
    }
}
