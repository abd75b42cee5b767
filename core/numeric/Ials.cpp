// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/Ials.h"

#include "numeric/Parallel.h"
#include "numeric/Random.h"

#include <Eigen/Cholesky>

#include <algorithm>
#include <cmath>
#include <vector>

namespace awb::numeric {

namespace {

using Vector = Eigen::VectorXf;
using Matrix = Eigen::MatrixXf;

// One task's scratch for conjugate gradient: the row's fixed factors gathered into contiguous memory (so
// that every product with them is a dense matrix-vector product) and the row's confidences. Buffers only
// grow, so a task allocates a few times per half-step, not once per row.
struct Scratch
{
    std::vector<float> factors; // n x k, row-major
    std::vector<float> confidence;
    std::vector<float> excess; // confidence - alpha0
    std::vector<float> projection;
};

constexpr Eigen::Index kPrefetchAhead = 8;

using RowMajorMap = Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>;
using VectorMap = Eigen::Map<Vector>;

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
            a.selfadjointView<Eigen::Lower>().rankUpdate(f.transpose(),
                                                         1.0f + p.alpha * it.value() - p.alpha0);
        }
        return a.selfadjointView<Eigen::Lower>().llt().solve(rhs(row));
    }

    // Copies the row's fixed factors and confidences into s; returns the number of interactions.
    Eigen::Index gather(Eigen::Index row, Scratch &s) const
    {
        const Eigen::Index begin = rows.outerIndexPtr()[row];
        const Eigen::Index n = rows.outerIndexPtr()[row + 1] - begin;
        const Eigen::Index k = fixed.cols();
        const auto need = static_cast<std::size_t>(n);
        if (s.confidence.size() < need) {
            s.factors.resize(need * static_cast<std::size_t>(k));
            s.confidence.resize(need);
            s.excess.resize(need);
            s.projection.resize(need);
        }
        const std::int32_t *index = rows.innerIndexPtr() + begin;
        for (Eigen::Index j = 0; j < n; ++j) {
            // The rows are scattered over the fixed factors: ask for one a few iterations ahead.
            if (j + kPrefetchAhead < n) {
                const float *ahead = fixed.data() + static_cast<Eigen::Index>(index[j + kPrefetchAhead]) * k;
                for (Eigen::Index b = 0; b < k; b += 16) {
                    __builtin_prefetch(ahead + b);
                }
            }
            const float c = 1.0f + p.alpha * rows.valuePtr()[begin + j];
            s.confidence[static_cast<std::size_t>(j)] = c;
            s.excess[static_cast<std::size_t>(j)] = c - p.alpha0;
            const float *from = fixed.data() + static_cast<Eigen::Index>(index[j]) * k;
            std::copy(from, from + k, s.factors.data() + j * k);
        }
        return n;
    }

    // Conjugate gradient from x (Hestenes-Stiefel), p.cgSteps steps or until the residual vanishes, on
    //   A = alpha0 G + lambda_u I + F^T diag(c - alpha0) F,  b = F^T c
    // with F the row's gathered fixed factors.
    void solveCg(Eigen::Index row, Eigen::Ref<Vector> x, Scratch &s) const
    {
        const Eigen::Index n = gather(row, s);
        const RowMajorMap f(s.factors.data(), n, fixed.cols());
        const Eigen::Map<const Vector> excess(s.excess.data(), n);
        VectorMap t(s.projection.data(), n);
        const float reg = regularisation(row);
        const Eigen::Map<const Vector> confidence(s.confidence.data(), n);
        Vector r(x.size());
        Vector ax(x.size());
        auto apply = [&](const Vector &in, Vector &out) {
            t.noalias() = f * in;
            t.array() *= excess.array();
            out.noalias() = gramian * in;
            out += reg * in;
            out.noalias() += f.transpose() * t;
        };
        r.noalias() = f.transpose() * confidence;
        apply(x, ax);
        r -= ax;
        Vector d = r;
        float rr = r.squaredNorm();
        Vector ad(x.size());
        for (int k = 0; k < p.cgSteps && rr > 1e-20f; ++k) {
            apply(d, ad);
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

// fn(task, row) for every row, on `threads` tasks.
template <typename Fn> void parallelRows(Eigen::Index count, int threads, Fn fn)
{
    // Interleaved blocks balance rows of uneven length; each row is solved independently, so the result
    // does not depend on the thread count.
    constexpr Eigen::Index kBlock = 64;
    runTasks(threads, [&](int t) {
        for (Eigen::Index start = t * kBlock; start < count; start += threads * kBlock) {
            const Eigen::Index end = std::min(count, start + kBlock);
            for (Eigen::Index r = start; r < end; ++r) {
                fn(t, r);
            }
        }
    });
}

// alpha0 * F^T F, as the sum of the Gramians of F's two halves computed at once (always two halves, so the
// rounding does not depend on the thread count); symmetric rank-k updates do half the work of a product.
Matrix scaledGramian(const FactorMatrix &f, float alpha0, int threads)
{
    const Eigen::Index half = f.rows() / 2;
    Matrix parts[2];
    auto part = [&](int t) {
        const Eigen::Index begin = t == 0 ? 0 : half;
        const Eigen::Index rows = t == 0 ? half : f.rows() - half;
        parts[t] = Matrix::Zero(f.cols(), f.cols());
        parts[t].selfadjointView<Eigen::Lower>().rankUpdate(f.middleRows(begin, rows).transpose(), alpha0);
    };
    if (threads >= 2) {
        runTasks(2, part);
    } else {
        part(0);
        part(1);
    }
    const Matrix lower = parts[0] + parts[1];
    return lower.selfadjointView<Eigen::Lower>();
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
    const int threads = rows.rows() < 256 ? 1 : std::max(1, m_params.threads);
    const Matrix gramian = scaledGramian(fixed, m_params.alpha0, threads);
    const RowProblem problem{rows, fixed, gramian, m_params, otherCount};
    std::vector<Scratch> scratch(static_cast<std::size_t>(threads));
    parallelRows(rows.rows(), threads, [&](int task, Eigen::Index r) {
        if (m_params.cgSteps <= 0) {
            solved.row(r) = problem.solveExact(r).transpose();
        } else {
            Vector x = solved.row(r).transpose();
            problem.solveCg(r, x, scratch[static_cast<std::size_t>(task)]);
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
    return foldIn(items, foldInGramian());
}

Eigen::MatrixXf Ials::foldInGramian() const
{
    return scaledGramian(m_items, m_params.alpha0, 1);
}

Eigen::VectorXf Ials::foldIn(const Eigen::SparseVector<float> &items, const Eigen::MatrixXf &gramian) const
{
    InteractionMatrix one(1, m_items.rows());
    one.reserve(items.nonZeros());
    for (Eigen::SparseVector<float>::InnerIterator it(items); it; ++it) {
        one.insert(0, it.index()) = it.value();
    }
    one.makeCompressed();
    const RowProblem problem{one, m_items, gramian, m_params, m_items.rows()};
    return problem.solveExact(0);
}

} // namespace awb::numeric
