// SPDX-License-Identifier: GPL-3.0-or-later
// Item-based nearest neighbours with cosine similarity (Sarwar, Karypis, Konstan & Riedl 2001, "Item-based
// collaborative filtering recommendation algorithms"; Deshpande & Karypis 2004, "Item-based top-N
// recommendation algorithms"). No Qt.
//
// With X the user x item matrix (values r_ui >= 0), n_u the number of items of user u and the
// user-normalisation exponent e, each user's row is weighted by w_u = n_u^-e (e = 0: plain cosine; larger e
// lets heavy users count less):
//   C_ij = sum_u w_u r_ui r_uj,   S_ij = C_ij / sqrt(C_ii C_jj)  (i != j),  S_jj = 0,
// and column j keeps its `neighbours` largest entries (the items most similar to j). A user's score for a
// target set T is
//   score_u(T) = sum_i r_ui s_T(i),   s_T(i) = (1 / |T|) sum_{j in T} S_ij,
// the mean over the target's items of the usual item-kNN score. Computed in float; the similarities match a
// double-precision brute force within 1e-5 absolute.
#pragma once

#include "numeric/Ials.h"

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include <cstdint>
#include <vector>

namespace awb::numeric {

struct ItemKnnParams
{
    double exponent = 0.0; ///< e, the user-normalisation exponent (>= 0)
    int neighbours = 200;  ///< kept per item; <= 0 keeps all
};

class ItemKnn
{
public:
    using Similarity = Eigen::SparseMatrix<float, Eigen::ColMajor, std::int32_t>;

    /// Similarities from userItems (rows users, columns items). Uses both cores; memory is
    /// items x neighbours entries plus one dense item vector per task. Cost: sum over users of n_u^2.
    static ItemKnn fit(const InteractionMatrix &userItems, const ItemKnnParams &params);

    /// s_T over every item (zero where no target item has a neighbour). Items outside the catalog are
    /// ignored.
    Eigen::VectorXf targetWeights(const std::vector<std::int32_t> &targetItems) const;

    /// Column j holds the kept neighbours i of item j with S_ij.
    const Similarity &similarity() const { return m_similarity; }

private:
    Similarity m_similarity;
};

} // namespace awb::numeric
