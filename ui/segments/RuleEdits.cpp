// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/RuleEdits.h"

#include <utility>

namespace awb::ui {

using segments::GroupMode;
using segments::Node;

Node *nodeAt(segments::Rule &rule, const NodePath &path)
{
    Node *node = &rule.root;
    for (const int i : path) {
        if (node->type != Node::Type::Group || i < 0 || i >= static_cast<int>(node->children.size())) {
            return nullptr;
        }
        node = &node->children[static_cast<std::size_t>(i)];
    }
    return node;
}

const Node *nodeAt(const segments::Rule &rule, const NodePath &path)
{
    return nodeAt(const_cast<segments::Rule &>(rule), path);
}

namespace edits {

namespace {
// The group holding the node at path and the node's index in it.
std::pair<Node *, std::size_t> parentOf(segments::Rule &rule, const NodePath &path)
{
    if (path.empty() || !nodeAt(rule, path)) {
        return {nullptr, 0};
    }
    const NodePath parent(path.begin(), path.end() - 1);
    return {nodeAt(rule, parent), static_cast<std::size_t>(path.back())};
}
} // namespace

bool replace(segments::Rule &rule, const NodePath &path, Node node)
{
    Node *target = nodeAt(rule, path);
    if (!target || (path.empty() && node.type != Node::Type::Group)) {
        return false;
    }
    *target = std::move(node);
    return true;
}

bool insert(segments::Rule &rule, const NodePath &groupPath, Node node, int index)
{
    Node *group = nodeAt(rule, groupPath);
    if (!group || group->type != Node::Type::Group) {
        return false;
    }
    const auto size = static_cast<int>(group->children.size());
    const int at = index < 0 || index > size ? size : index;
    group->children.insert(group->children.begin() + at, std::move(node));
    return true;
}

bool remove(segments::Rule &rule, const NodePath &path)
{
    const auto [parent, i] = parentOf(rule, path);
    if (!parent) {
        return false;
    }
    parent->children.erase(parent->children.begin() + static_cast<std::ptrdiff_t>(i));
    return true;
}

bool move(segments::Rule &rule, const NodePath &path, int delta)
{
    const auto [parent, i] = parentOf(rule, path);
    if (!parent) {
        return false;
    }
    const auto j = static_cast<std::ptrdiff_t>(i) + delta;
    if (j < 0 || j >= static_cast<std::ptrdiff_t>(parent->children.size())) {
        return false;
    }
    std::swap(parent->children[i], parent->children[static_cast<std::size_t>(j)]);
    return true;
}

bool negate(segments::Rule &rule, const NodePath &path)
{
    Node *node = nodeAt(rule, path);
    if (!node) {
        return false;
    }
    if (node->type == Node::Type::Group && node->mode == GroupMode::None && node->children.size() == 1 &&
        (!path.empty() || node->children.front().type == Node::Type::Group)) {
        Node inner = std::move(node->children.front());
        *node = std::move(inner);
        return true;
    }
    Node wrapped = std::move(*node);
    *node = Node::group(GroupMode::None, {});
    node->children.push_back(std::move(wrapped));
    return true;
}

bool setMode(segments::Rule &rule, const NodePath &path, GroupMode mode)
{
    Node *node = nodeAt(rule, path);
    if (!node || node->type != Node::Type::Group) {
        return false;
    }
    node->mode = mode;
    return true;
}

void require(segments::Rule &rule, std::vector<Node> conditions)
{
    if (rule.root.mode != GroupMode::All) {
        Node old = std::move(rule.root);
        rule.root = Node::group(GroupMode::All, {});
        rule.root.children.push_back(std::move(old));
    }
    for (Node &c : conditions) {
        rule.root.children.push_back(std::move(c));
    }
}

} // namespace edits

} // namespace awb::ui
