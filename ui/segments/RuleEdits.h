// SPDX-License-Identifier: GPL-3.0-or-later
// The edits the segment builder makes to a rule tree, addressed by paths of child indices from the root
// group ({} = the root, {2, 0} = the first child of the root's third child). Each returns false (and leaves
// the rule as it was) when the path does not name a node it applies to.
#pragma once

#include "segments/Rule.h"

#include <vector>

namespace awb::ui {

using NodePath = std::vector<int>;

/// The node at path, or nullptr.
segments::Node *nodeAt(segments::Rule &rule, const NodePath &path);
const segments::Node *nodeAt(const segments::Rule &rule, const NodePath &path);

namespace edits {

bool replace(segments::Rule &rule, const NodePath &path, segments::Node node);
/// Inserts node into the group at groupPath, at index (-1 = at the end).
bool insert(segments::Rule &rule, const NodePath &groupPath, segments::Node node, int index = -1);
/// Removes a node (not the root).
bool remove(segments::Rule &rule, const NodePath &path);
/// Moves a node up (delta -1) or down (+1) among its siblings.
bool move(segments::Rule &rule, const NodePath &path, int delta);
/// Negates a node: wraps it in a "none of" group, or unwraps a "none of" group holding one node.
bool negate(segments::Rule &rule, const NodePath &path);
bool setMode(segments::Rule &rule, const NodePath &path, segments::GroupMode mode);
/// Adds conditions that every match must also pass: to the root when it is an "all of" group, else the
/// root becomes "all of" the old root and the conditions.
void require(segments::Rule &rule, std::vector<segments::Node> conditions);

} // namespace edits

} // namespace awb::ui
