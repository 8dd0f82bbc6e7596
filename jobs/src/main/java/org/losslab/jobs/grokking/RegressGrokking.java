package org.losslab.jobs.grokking;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.GeneralizedLinearRegression;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionModel;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionTrainingSummary;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.losslab.common.grokking.GrokkingDesign;

/**
 * Ordinary least squares of a {@link GrokkingDesign} with Spark MLlib's {@link GeneralizedLinearRegression}
 * (gaussian family, identity link, intercept): coefficients with their standard errors, t statistics and
 * two-sided p-values from the model's training summary.
 */
public final class RegressGrokking {

    /** One fitted term; the intercept is the term {@code intercept}. */
    public record Term(String term, double coefficient, double stdError, double tValue, double pValue) {
    }

    /** The fit: terms in design order then the intercept, and the residual dispersion (variance). */
    public record Fit(List<Term> terms, double dispersion) {
    }

    private RegressGrokking() {
    }

    public static Fit fit(SparkSession spark, GrokkingDesign design) {
        StructType schema = new StructType(new StructField[] {
                DataTypes.createStructField("label", DataTypes.DoubleType, false),
                DataTypes.createStructField("features", SQLDataTypes.VectorType(), false)});
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < design.y().length; i++) {
            rows.add(RowFactory.create(design.y()[i], Vectors.dense(design.x()[i])));
        }
        Dataset<Row> data = spark.createDataFrame(rows, schema);
        GeneralizedLinearRegressionModel model;
        double[] se;
        double[] t;
        double[] p;
        double dispersion;
        try {
            model = new GeneralizedLinearRegression().setFamily("gaussian").setLink("identity").setFitIntercept(true)
                    .fit(data);
            // a degenerate design (every response equal, say) fits but has no standard errors: MLlib throws here
            GeneralizedLinearRegressionTrainingSummary summary = model.summary();
            se = summary.coefficientStandardErrors();
            t = summary.tValues();
            p = summary.pValues();
            dispersion = summary.dispersion();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Cannot fit the grokking regression of " + design.response() + " on "
                    + design.columns() + " over " + design.runIds().size() + " runs: " + e.getMessage(), e);
        }
        List<Term> terms = new ArrayList<>();
        double[] coefficients = model.coefficients().toArray();
        for (int j = 0; j < coefficients.length; j++) {
            terms.add(new Term(design.columns().get(j), coefficients[j], se[j], t[j], p[j]));
        }
        int last = coefficients.length; // MLlib puts the intercept's statistics last
        terms.add(new Term("intercept", model.intercept(), se[last], t[last], p[last]));
        return new Fit(terms, dispersion);
    }
}
