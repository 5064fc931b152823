package org.cargorisk.models.explain;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.regression.DecisionTreeRegressionModel;
import org.apache.spark.ml.tree.ContinuousSplit;
import org.apache.spark.ml.tree.InternalNode;
import org.apache.spark.ml.tree.Node;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.cargorisk.errors.CargoRiskErrors;

/**
 * Per-prediction feature contributions of a gradient-boosted tree ensemble, by path attribution
 * (Saabas): walk each tree from the root to the row's leaf; at every split, the change of the
 * node prediction from the node to the child taken is credited to the split's feature; sum over
 * trees, each weighted by its tree weight. The contributions plus the weighted root predictions
 * add up to the model's margin, so a positive contribution is exactly how much that feature
 * raised this row's score (on the margin scale).
 *
 * <p>This is a UDF because no built-in serves: MLlib offers only global importances
 * ({@code featureImportances}), not per-row ones, and a tree walk cannot be written with column
 * expressions. The trees are flattened into primitive arrays so the closure shipped to the
 * executors is small and the walk allocates only the result.
 */
public final class TreeContributions implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int LEAF = -1;

  private final int numFeatures;
  private final double[] treeWeights;
  private final int[][] splitFeature;
  private final double[][] threshold;
  private final int[][] left;
  private final int[][] right;
  private final double[][] prediction;

  private TreeContributions(
      int numFeatures,
      double[] treeWeights,
      int[][] splitFeature,
      double[][] threshold,
      int[][] left,
      int[][] right,
      double[][] prediction) {
    this.numFeatures = numFeatures;
    this.treeWeights = treeWeights;
    this.splitFeature = splitFeature;
    this.threshold = threshold;
    this.left = left;
    this.right = right;
    this.prediction = prediction;
  }

  public static TreeContributions of(GBTClassificationModel model) {
    DecisionTreeRegressionModel[] trees = model.trees();
    int[][] splitFeature = new int[trees.length][];
    double[][] threshold = new double[trees.length][];
    int[][] left = new int[trees.length][];
    int[][] right = new int[trees.length][];
    double[][] prediction = new double[trees.length][];
    for (int t = 0; t < trees.length; t++) {
      List<Node> nodes = new ArrayList<>();
      collect(trees[t].rootNode(), nodes);
      int n = nodes.size();
      splitFeature[t] = new int[n];
      threshold[t] = new double[n];
      left[t] = new int[n];
      right[t] = new int[n];
      prediction[t] = new double[n];
      for (int i = 0; i < n; i++) {
        Node node = nodes.get(i);
        prediction[t][i] = node.prediction();
        if (node instanceof InternalNode internal) {
          if (!(internal.split() instanceof ContinuousSplit split)) {
            throw CargoRiskErrors.internal(
                "Reason codes support continuous splits only, but tree "
                    + t
                    + " splits on categorical feature "
                    + internal.split().featureIndex(),
                null);
          }
          splitFeature[t][i] = split.featureIndex();
          threshold[t][i] = split.threshold();
          left[t][i] = indexOf(nodes, internal.leftChild());
          right[t][i] = indexOf(nodes, internal.rightChild());
        } else {
          splitFeature[t][i] = LEAF;
        }
      }
    }
    return new TreeContributions(
        model.numFeatures(),
        model.treeWeights().clone(),
        splitFeature,
        threshold,
        left,
        right,
        prediction);
  }

  /** Pre-order listing of a tree's nodes. */
  private static void collect(Node node, List<Node> nodes) {
    nodes.add(node);
    if (node instanceof InternalNode internal) {
      collect(internal.leftChild(), nodes);
      collect(internal.rightChild(), nodes);
    }
  }

  private static int indexOf(List<Node> nodes, Node node) {
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i) == node) {
        return i;
      }
    }
    throw new IllegalStateException("child node not listed");
  }

  /** The weighted root predictions: the margin of a row before any split. */
  public double bias() {
    double bias = 0;
    for (int t = 0; t < treeWeights.length; t++) {
      bias += treeWeights[t] * prediction[t][0];
    }
    return bias;
  }

  /** Contribution of each feature to the margin of one row. */
  public double[] contributions(Vector features) {
    double[] result = new double[numFeatures];
    for (int t = 0; t < treeWeights.length; t++) {
      int node = 0;
      while (splitFeature[t][node] != LEAF) {
        int feature = splitFeature[t][node];
        // MLlib's ContinuousSplit sends value <= threshold to the left child.
        int child = features.apply(feature) <= threshold[t][node] ? left[t][node] : right[t][node];
        result[feature] += treeWeights[t] * (prediction[t][child] - prediction[t][node]);
        node = child;
      }
    }
    return result;
  }

  /** The contributions as an array&lt;double&gt; column over a feature-vector column. */
  public Column column(Column features) {
    TreeContributions trees = this;
    UserDefinedFunction udf =
        functions
            .udf(
                (UDF1<Vector, double[]>) vector -> vector == null ? null : trees.contributions(vector),
                DataTypes.createArrayType(DataTypes.DoubleType, false))
            .withName("tree_contributions");
    return udf.apply(features);
  }
}
