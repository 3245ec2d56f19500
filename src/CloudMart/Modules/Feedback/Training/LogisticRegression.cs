namespace CloudMart.Modules.Feedback.Training;

/// <summary>
/// L2-regularised logistic regression fitted by full-batch gradient descent with Adam steps: small, deterministic
/// (no random start) and quick enough for a few thousand rows. Rows are sparse: (feature, value) pairs.
/// </summary>
internal static class LogisticRegression
{
    internal readonly record struct Fit(double[] Weights, double Bias)
    {
        public double Logit(ReadOnlySpan<(int Feature, double Value)> row)
        {
            var z = Bias;
            foreach (var (feature, value) in row)
            {
                z += Weights[feature] * value;
            }
            return z;
        }
    }

    /// <summary>Minimises mean log loss + <paramref name="l2"/>/2 · |w|² (the bias is not penalised).</summary>
    public static Fit Train(IReadOnlyList<(int Feature, double Value)[]> rows, IReadOnlyList<bool> positive, int features, double l2, int iterations = 400, double step = 0.05)
    {
        var w = new double[features];
        double b = 0;
        var mw = new double[features];
        var vw = new double[features];
        double mb = 0, vb = 0;
        const double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
        var gradient = new double[features];
        var n = rows.Count;
        for (var t = 1; t <= iterations; t++)
        {
            Array.Clear(gradient);
            double gb = 0;
            for (var r = 0; r < n; r++)
            {
                var row = rows[r];
                var z = b;
                foreach (var (f, v) in row)
                {
                    z += w[f] * v;
                }
                var error = Sigmoid(z) - (positive[r] ? 1 : 0);
                gb += error;
                foreach (var (f, v) in row)
                {
                    gradient[f] += error * v;
                }
            }
            var correction1 = 1 - Math.Pow(beta1, t);
            var correction2 = 1 - Math.Pow(beta2, t);
            for (var f = 0; f < features; f++)
            {
                var g = (gradient[f] / n) + (l2 * w[f]);
                mw[f] = (beta1 * mw[f]) + ((1 - beta1) * g);
                vw[f] = (beta2 * vw[f]) + ((1 - beta2) * g * g);
                w[f] -= step * (mw[f] / correction1) / (Math.Sqrt(vw[f] / correction2) + epsilon);
            }
            gb /= n;
            mb = (beta1 * mb) + ((1 - beta1) * gb);
            vb = (beta2 * vb) + ((1 - beta2) * gb * gb);
            b -= step * (mb / correction1) / (Math.Sqrt(vb / correction2) + epsilon);
        }
        return new Fit(w, b);
    }

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
