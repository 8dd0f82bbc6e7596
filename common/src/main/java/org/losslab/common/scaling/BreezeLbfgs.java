package org.losslab.common.scaling;

import breeze.linalg.DenseVector;
import breeze.optimize.CachedDiffFunction;
import breeze.optimize.DiffFunction;
import breeze.optimize.FirstOrderMinimizer;
import breeze.optimize.LBFGS;
import java.lang.invoke.LambdaConversionException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import scala.Tuple2;
import scala.reflect.ClassTag$;

/**
 * Minimises a smooth objective with an analytic gradient using Breeze's L-BFGS.
 *
 * <p>Java cannot implement {@link DiffFunction} directly: the trait inherits {@code Object apply(T)} from
 * {@code scala.Function1} and declares {@code double apply(T)} itself, two methods javac cannot both override.
 * {@link LambdaMetafactory} builds an instance whose only method is {@code calculate}, and Breeze's own
 * {@link CachedDiffFunction} wraps it: the wrapper implements every method in terms of the inner
 * {@code calculate}, so the inner {@code apply} is never called, and its cache saves the evaluation L-BFGS
 * repeats at each accepted line-search point.
 */
final class BreezeLbfgs {
    /** A function with its gradient: returns {@code f(x)} and writes {@code df/dx} into {@code gradient}. */
    @FunctionalInterface
    interface Objective {
        double evaluate(double[] x, double[] gradient);
    }

    /**
     * Largest gradient norm at which a run whose line search failed still counts as converged. Near a
     * minimum of the Huber objectives the line search runs out of floating-point decrease before the gradient
     * reaches Breeze's 1e-8 floor: such runs end with norms of 1e-8 to 1e-7 and restarts from around them
     * find no lower value, while failures away from a stationary point have far larger gradients.
     */
    static final double STALLED_GRADIENT_NORM = 1e-6;

    /** How a run ended. */
    enum Outcome {
        FUNCTION_CONVERGED, GRADIENT_CONVERGED, SEARCH_FAILED, MAX_ITERATIONS, ERROR
    }

    /** The end point of a run: parameters, objective, gradient norm, iterations and outcome. */
    record Minimum(double[] x, double value, double gradientNorm, int iterations, Outcome outcome) {
        boolean converged() {
            boolean stopped = switch (outcome) {
                case FUNCTION_CONVERGED, GRADIENT_CONVERGED -> true;
                case SEARCH_FAILED -> gradientNorm <= STALLED_GRADIENT_NORM;
                case MAX_ITERATIONS, ERROR -> false;
            };
            return stopped && Double.isFinite(value);
        }
    }

    /** Breeze's calculate, as a Java interface LambdaMetafactory can target. */
    @FunctionalInterface
    private interface Calculation {
        Tuple2<Object, DenseVector<Object>> calculate(DenseVector<Object> x);
    }

    private static final MethodHandle DIFF_FUNCTION_FACTORY = diffFunctionFactory();

    private BreezeLbfgs() {
    }

    /** Runs L-BFGS from {@code start}; Breeze exceptions from a pathological start end the run as ERROR. */
    static Minimum minimize(Objective objective, double[] start, OptimizerSettings settings) {
        LBFGS<DenseVector<Object>> lbfgs = new LBFGS<>(
                settings.maxIterations(), settings.memory(), settings.tolerance(), DenseVector.space_Double());
        try {
            FirstOrderMinimizer.State<DenseVector<Object>, Object, Object> state =
                    lbfgs.minimizeAndReturnState(diffFunction(objective, start.length), vector(start.clone()));
            return new Minimum(values(state.x()).clone(), state.value(), norm(values(state.grad())), state.iter(),
                    outcome(state));
        } catch (RuntimeException e) {
            // Breeze's line search throws several unrelated exception types on non-finite steps.
            return new Minimum(start.clone(), Double.NaN, Double.NaN, 0, Outcome.ERROR);
        }
    }

    private static Outcome outcome(FirstOrderMinimizer.State<DenseVector<Object>, Object, Object> state) {
        if (state.convergenceReason().isEmpty()) {
            return Outcome.MAX_ITERATIONS;
        }
        FirstOrderMinimizer.ConvergenceReason reason = state.convergenceReason().get();
        if (reason == FirstOrderMinimizer.FunctionValuesConverged$.MODULE$) {
            return Outcome.FUNCTION_CONVERGED;
        }
        if (reason == FirstOrderMinimizer.GradientConverged$.MODULE$) {
            return Outcome.GRADIENT_CONVERGED;
        }
        if (reason == FirstOrderMinimizer.SearchFailed$.MODULE$) {
            return Outcome.SEARCH_FAILED;
        }
        return Outcome.MAX_ITERATIONS;
    }

    /** {@code objective} as a Breeze function of vectors of {@code dimension} values. */
    static DiffFunction<DenseVector<Object>> diffFunction(Objective objective, int dimension) {
        Calculation calculation = x -> {
            double[] gradient = new double[dimension];
            double value = objective.evaluate(values(x), gradient);
            return new Tuple2<>(value, vector(gradient));
        };
        return new CachedDiffFunction<>(
                bareDiffFunction(calculation), DenseVector.canCopyDenseVector(ClassTag$.MODULE$.Double()));
    }

    @SuppressWarnings("unchecked")
    private static DiffFunction<DenseVector<Object>> bareDiffFunction(Calculation calculation) {
        try {
            return (DiffFunction<DenseVector<Object>>) DIFF_FUNCTION_FACTORY.invoke(calculation);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot adapt an objective to Breeze's DiffFunction", e);
        }
    }

    private static MethodHandle diffFunctionFactory() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodType erased = MethodType.methodType(Tuple2.class, Object.class);
            MethodType typed = MethodType.methodType(Tuple2.class, DenseVector.class);
            return LambdaMetafactory.metafactory(lookup, "calculate",
                            MethodType.methodType(DiffFunction.class, Calculation.class), erased,
                            lookup.findVirtual(Calculation.class, "calculate", typed), typed)
                    .getTarget();
        } catch (ReflectiveOperationException | LambdaConversionException e) {
            throw new IllegalStateException("cannot build Breeze DiffFunction instances", e);
        }
    }

    private static double norm(double[] values) {
        double squares = 0.0;
        for (double v : values) {
            squares += v * v;
        }
        return Math.sqrt(squares);
    }

    private static DenseVector<Object> vector(double[] values) {
        return new DenseVector<>(values);
    }

    /** The values of a dense vector; its own array when the vector spans all of it, as L-BFGS's vectors do. */
    private static double[] values(DenseVector<Object> vector) {
        double[] data = (double[]) vector.data();
        int length = vector.length();
        if (vector.offset() == 0 && vector.stride() == 1 && data.length == length) {
            return data;
        }
        double[] copy = new double[length];
        for (int i = 0; i < length; i++) {
            copy[i] = data[vector.offset() + i * vector.stride()];
        }
        return copy;
    }
}
