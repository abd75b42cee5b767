// SPDX-License-Identifier: GPL-3.0-or-later
// L2-regularised logistic regression fitted by Newton-Raphson (IRLS). No Qt.
#pragma once

#include <Eigen/Core>

namespace awb::numeric {

struct LogisticModel
{
    Eigen::VectorXd mean;    ///< feature means used for standardisation
    Eigen::VectorXd scale;   ///< feature standard deviations (1 for constant features)
    Eigen::VectorXd weights; ///< on standardised features
    double intercept = 0;
    int iterations = 0;
    bool converged = false;

    /// P(y = 1 | x) for each row of x (rows = samples, columns = the features of fitting).
    Eigen::VectorXd predict(const Eigen::MatrixXd &x) const;
};

/// Minimises sum_i logloss(y_i, sigmoid(b + w.z_i)) + l2 / 2 * |w|^2 over standardised features z (the
/// intercept is not penalised). Newton steps with a backtracking line search; stops when the largest
/// gradient component is below tolerance * n. y holds 0 / 1.
LogisticModel fitLogistic(const Eigen::MatrixXd &x, const Eigen::VectorXd &y, double l2 = 1.0, int maxIterations = 50,
                          double tolerance = 1e-9);

} // namespace awb::numeric
