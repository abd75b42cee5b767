// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/LogisticRegression.h"

#include <Eigen/Cholesky>

#include <cmath>

namespace awb::numeric {

namespace {

double sigmoid(double t)
{
    return t >= 0 ? 1.0 / (1.0 + std::exp(-t)) : std::exp(t) / (1.0 + std::exp(t));
}

// Penalised negative log-likelihood for parameters theta = (intercept, w) on design z (with a ones column).
double objective(const Eigen::MatrixXd &z, const Eigen::VectorXd &y, const Eigen::VectorXd &theta, double l2)
{
    const Eigen::VectorXd eta = z * theta;
    double loss = 0;
    for (Eigen::Index i = 0; i < eta.size(); ++i) {
        // log(1 + exp(eta)) - y * eta, computed stably.
        const double e = eta[i];
        loss += (e > 0 ? e + std::log1p(std::exp(-e)) : std::log1p(std::exp(e))) - y[i] * e;
    }
    return loss + 0.5 * l2 * theta.tail(theta.size() - 1).squaredNorm();
}

} // namespace

Eigen::VectorXd LogisticModel::predict(const Eigen::MatrixXd &x) const
{
    // b + w.((x - mean) / scale) = (b - w'.mean) + w'.x with w' = w / scale: one matrix-vector product.
    const Eigen::VectorXd w = weights.cwiseQuotient(scale);
    Eigen::VectorXd out = x * w;
    const double offset = intercept - w.dot(mean);
    for (Eigen::Index i = 0; i < out.size(); ++i) {
        out[i] = sigmoid(out[i] + offset);
    }
    return out;
}

LogisticModel fitLogistic(const Eigen::MatrixXd &x, const Eigen::VectorXd &y, double l2, int maxIterations,
                          double tolerance)
{
    const Eigen::Index n = x.rows();
    const Eigen::Index d = x.cols();
    LogisticModel model;
    model.mean = n > 0 ? Eigen::VectorXd(x.colwise().mean().transpose()) : Eigen::VectorXd::Zero(d);
    model.scale = Eigen::VectorXd::Ones(d);
    for (Eigen::Index j = 0; j < d && n > 1; ++j) {
        const double sd = std::sqrt((x.col(j).array() - model.mean[j]).square().sum() / static_cast<double>(n - 1));
        model.scale[j] = sd > 1e-12 ? sd : 1.0;
    }
    Eigen::MatrixXd z(n, d + 1);
    z.col(0).setOnes();
    for (Eigen::Index j = 0; j < d; ++j) {
        z.col(j + 1) = (x.col(j).array() - model.mean[j]) / model.scale[j];
    }
    Eigen::VectorXd theta = Eigen::VectorXd::Zero(d + 1);
    // Start the intercept at the log-odds of the base rate.
    const double rate = n > 0 ? std::clamp(y.mean(), 1e-6, 1.0 - 1e-6) : 0.5;
    theta[0] = std::log(rate / (1.0 - rate));
    Eigen::VectorXd penalty = Eigen::VectorXd::Constant(d + 1, l2);
    penalty[0] = 0.0;
    double current = objective(z, y, theta, l2);
    for (int it = 1; it <= maxIterations; ++it) {
        model.iterations = it;
        const Eigen::VectorXd eta = z * theta;
        Eigen::VectorXd p(n);
        Eigen::VectorXd w(n);
        for (Eigen::Index i = 0; i < n; ++i) {
            p[i] = sigmoid(eta[i]);
            w[i] = std::max(p[i] * (1.0 - p[i]), 1e-12);
        }
        const Eigen::VectorXd gradient = z.transpose() * (p - y) + penalty.cwiseProduct(theta);
        if (gradient.cwiseAbs().maxCoeff() < tolerance * static_cast<double>(std::max<Eigen::Index>(n, 1))) {
            model.converged = true;
            break;
        }
        Eigen::MatrixXd hessian = z.transpose() * w.asDiagonal() * z;
        hessian.diagonal() += penalty;
        hessian.diagonal().array() += 1e-10; // keeps separable data with l2 = 0 solvable
        const Eigen::VectorXd step = hessian.ldlt().solve(gradient);
        double t = 1.0;
        Eigen::VectorXd next = theta - step;
        double value = objective(z, y, next, l2);
        while (value > current && t > 1e-8) {
            t *= 0.5;
            next = theta - t * step;
            value = objective(z, y, next, l2);
        }
        if (value > current) {
            model.converged = true; // no descent possible: at the optimum within rounding
            break;
        }
        theta = next;
        current = value;
    }
    model.intercept = theta[0];
    model.weights = theta.tail(d);
    return model;
}

} // namespace awb::numeric
