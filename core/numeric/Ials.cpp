// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/Ials.h"

#include "numeric/Random.h"

#include <Eigen/Cholesky>

#include <algorithm>
#include <cmath>
#include <thread>
#include <vector>

namespace awb::numeric {

namespace {

using Vector = Eigen::VectorXf;
using Matrix = Eigen::MatrixXf;

// Everything one row's solve needs. The row's interactions are (index, weight) pairs of `rows`.
struct RowProblem
{
    const InteractionMatrix &rows;
    const FactorMatrix &fixed;
    const Matrix &gramian; // alpha0 * G
    const IalsParams &p;
    std::int64_t otherCount;

    float regularisation(Eigen::Index row) const
    {
        const float n = static_cast<float>(rows.outerIndexPtr()[row + 1] - rows.outerIndexPtr()[row]);
        return p.lambda * std::pow(n + p.alpha0 * static_cast<float>(otherCount), p.nu);
    }

    // y = A x for the row's system matrix A.
    void apply(Eigen::Index row, const Vector &x, Vector &y, float reg) const
    {
        y.noalias() = gramian * x;
        y += reg * x;
        for (InteractionMatrix::InnerIterator it(rows, row); it; ++it) {
            const auto f = fixed.row(it.index());
            const float c = 1.0f + p.alpha * it.value();
            y += ((c - p.alpha0) * f.dot(x)) * f.transpose();
        }
    }

    Vector rhs(Eigen::Index row) const
    {
        Vector b = Vector::Zero(fixed.cols());
        for (InteractionMatrix::InnerIterator it(rows, row); it; ++it) {
            b += (1.0f + p.alpha * it.value()) * fixed.row(it.index()).transpose();
        }
        return b;
    }

    Vector solveExact(Eigen::Index row) const
    {
        Matrix a = gramian;
        a.diagonal().array() += regularisation(row);
        for (InteractionMatrix::InnerIterator it(rows, row); it; ++it) {
            const auto f = fixed.row(it.index());
            a.selfadjointView<Eigen::Lower>().rankUpdate(f.transpose(), 1.0f + p.alpha * it.value() - p.alpha0);
        }
        return a.selfadjointView<Eigen::Lower>().llt().solve(rhs(row));
    }

    // Conjugate gradient from x (Hestenes-Stiefel), p.cgSteps steps or until the residual vanishes.
    void solveCg(Eigen::Index row, Eigen::Ref<Vector> x) const
    {
        const float reg = regularisation(row);
        Vector ax(x.size());
        apply(row, x, ax, reg);
        Vector r = rhs(row) - ax;
        Vector d = r;
        float rr = r.squaredNorm();
        Vector ad(x.size());
        for (int k = 0; k < p.cgSteps && rr > 1e-20f; ++k) {
            apply(row, d, ad, reg);
            const float dad = d.dot(ad);
            if (dad <= 0.0f) {
                break;
            }
            const float step = rr / dad;
            x += step * d;
            r -= step * ad;
            const float rrNew = r.squaredNorm();
            d = r + (rrNew / rr) * d;
            rr = rrNew;
        }
    }
};

template <typename Fn>
void parallelRows(Eigen::Index count, int threads, Fn fn)
{
    threads = std::max(1, threads);
    if (threads == 1 || count < 256) {
        for (Eigen::Index r = 0; r < count; ++r) {
            fn(r);
        }
        return;
    }
    // Interleaved blocks balance rows of uneven length; each row is solved independently, so the result
    // does not depend on the thread count.
    constexpr Eigen::Index kBlock = 64;
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([=] {
            for (Eigen::Index start = t * kBlock; start < count; start += threads * kBlock) {
                const Eigen::Index end = std::min(count, start + kBlock);
                for (Eigen::Index r = start; r < end; ++r) {
                    fn(r);
                }
            }
        });
    }
    for (auto &th : pool) {
        th.join();
    }
}

} // namespace

Ials::Ials(IalsParams params) : m_params(params) {}

void Ials::initialize(const InteractionMatrix &userItems)
{
    Random rng(m_params.seed);
    const float scale = m_params.initStddev / std::sqrt(static_cast<float>(m_params.factors));
    auto fill = [&](FactorMatrix &m, Eigen::Index rows) {
        m.resize(rows, m_params.factors);
        for (Eigen::Index i = 0; i < m.size(); ++i) {
            m.data()[i] = static_cast<float>(rng.normal()) * scale;
        }
    };
    fill(m_users, userItems.rows());
    fill(m_items, userItems.cols());
}

void Ials::solveSide(const InteractionMatrix &rows, const FactorMatrix &fixed, FactorMatrix &solved,
                     std::int64_t otherCount)
{
    const Matrix gramian = m_params.alpha0 * (fixed.transpose() * fixed).eval();
    const RowProblem problem{rows, fixed, gramian, m_params, otherCount};
    parallelRows(rows.rows(), m_params.threads, [&](Eigen::Index r) {
        if (m_params.cgSteps <= 0) {
            solved.row(r) = problem.solveExact(r).transpose();
        } else {
            Vector x = solved.row(r).transpose();
            problem.solveCg(r, x);
            solved.row(r) = x.transpose();
        }
    });
}

void Ials::iterate(const InteractionMatrix &userItems, const InteractionMatrix &itemUsers)
{
    solveSide(userItems, m_items, m_users, userItems.cols());
    solveSide(itemUsers, m_users, m_items, userItems.rows());
}

void Ials::fit(const InteractionMatrix &userItems, const std::function<bool(int)> &onIteration)
{
    const InteractionMatrix itemUsers = userItems.transpose();
    initialize(userItems);
    for (int it = 1; it <= m_params.iterations; ++it) {
        iterate(userItems, itemUsers);
        if (onIteration && !onIteration(it)) {
            return;
        }
    }
}

double Ials::loss(const InteractionMatrix &userItems) const
{
    const Eigen::MatrixXd users = m_users.cast<double>();
    const Eigen::MatrixXd items = m_items.cast<double>();
    const Eigen::MatrixXd gram = items.transpose() * items;
    const double a0 = m_params.alpha0;
    // alpha0 * sum over ALL pairs of prediction^2, then correct the observed pairs.
    double total = a0 * (users * gram).cwiseProduct(users).sum();
    for (Eigen::Index u = 0; u < userItems.outerSize(); ++u) {
        for (InteractionMatrix::InnerIterator it(userItems, u); it; ++it) {
            const double pred = users.row(u).dot(items.row(it.index()));
            const double c = 1.0 + m_params.alpha * it.value();
            total += c * (1.0 - pred) * (1.0 - pred) - a0 * pred * pred;
        }
    }
    const InteractionMatrix itemUsers = userItems.transpose();
    auto reg = [&](const Eigen::MatrixXd &f, const InteractionMatrix &rows, double other) {
        double s = 0;
        for (Eigen::Index r = 0; r < f.rows(); ++r) {
            const double n = rows.outerIndexPtr()[r + 1] - rows.outerIndexPtr()[r];
            s += std::pow(n + a0 * other, m_params.nu) * f.row(r).squaredNorm();
        }
        return m_params.lambda * s;
    };
    total += reg(users, userItems, static_cast<double>(userItems.cols()));
    total += reg(items, itemUsers, static_cast<double>(userItems.rows()));
    return total;
}

Eigen::VectorXf Ials::foldIn(const Eigen::SparseVector<float> &items) const
{
    InteractionMatrix one(1, m_items.rows());
    one.reserve(items.nonZeros());
    for (Eigen::SparseVector<float>::InnerIterator it(items); it; ++it) {
        one.insert(0, it.index()) = it.value();
    }
    one.makeCompressed();
    const Matrix gramian = m_params.alpha0 * (m_items.transpose() * m_items).eval();
    const RowProblem problem{one, m_items, gramian, m_params, m_items.rows()};
    return problem.solveExact(0);
}

} // namespace awb::numeric
