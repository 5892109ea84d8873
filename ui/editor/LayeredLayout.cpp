#include "editor/LayeredLayout.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sluice::ui {

namespace {

/// The working graph: real nodes first, then dummies; edges between adjacent layers only.
struct Graph
{
    int realCount = 0;
    std::vector<int> layer;
    std::vector<double> width;
    std::vector<double> height;
    std::vector<std::vector<int>> up;     ///< neighbours one layer above
    std::vector<std::vector<int>> down;   ///< neighbours one layer below

    int add(int l, double w, double h)
    {
        layer.push_back(l);
        width.push_back(w);
        height.push_back(h);
        up.emplace_back();
        down.emplace_back();
        return int(layer.size()) - 1;
    }
};

/// Crossings between two adjacent layers (order of `upper` and `lower` given): counted by an insertion
/// count over the lower positions, O(E log E) with a sort and O(E * k) worst case, fine at these sizes.
long crossings(const std::vector<int> &upper, const std::vector<int> &pos, const Graph &g)
{
    std::vector<std::pair<int, int>> pairs;
    for (int u : upper) {
        for (int v : g.down[size_t(u)])
            pairs.emplace_back(pos[size_t(u)], pos[size_t(v)]);
    }
    std::sort(pairs.begin(), pairs.end());
    // count inversions of the second coordinate with a Fenwick tree
    int maxPos = 0;
    for (const auto &p : pairs)
        maxPos = std::max(maxPos, p.second + 1);
    std::vector<int> tree(size_t(maxPos) + 1, 0);
    long count = 0;
    long seen = 0;
    for (const auto &p : pairs) {
        long notGreater = 0;
        for (int i = p.second + 1; i > 0; i -= i & -i)
            notGreater += tree[size_t(i)];
        count += seen - notGreater;
        for (int i = p.second + 1; i <= maxPos; i += i & -i)
            ++tree[size_t(i)];
        ++seen;
    }
    return count;
}

} // namespace

LayeredLayout::Result LayeredLayout::layout(const std::vector<QSizeF> &sizes,
                                            const std::vector<std::pair<int, int>> &edges, const Options &options)
{
    const int n = int(sizes.size());
    Result result;
    result.positions.assign(size_t(n), QPointF());
    result.routes.assign(edges.size(), {});
    result.backEdge.assign(edges.size(), false);
    result.layer.assign(size_t(n), 0);
    if (n == 0)
        return result;

    // --- 1. cycles: iterative DFS in node order; an edge to a node on the stack is a back edge ----------
    std::vector<std::vector<int>> out(static_cast<size_t>(n));   // edge indices
    for (size_t e = 0; e < edges.size(); ++e) {
        const auto [a, b] = edges[e];
        if (a >= 0 && a < n && b >= 0 && b < n && a != b)
            out[size_t(a)].push_back(int(e));
    }
    std::vector<int> state(size_t(n), 0);   // 0 new, 1 on stack, 2 done
    for (int root = 0; root < n; ++root) {
        if (state[size_t(root)])
            continue;
        std::vector<std::pair<int, size_t>> stack{{root, 0}};
        state[size_t(root)] = 1;
        while (!stack.empty()) {
            auto &[v, next] = stack.back();
            if (next < out[size_t(v)].size()) {
                const int e = out[size_t(v)][next++];
                const int w = edges[size_t(e)].second;
                if (state[size_t(w)] == 1)
                    result.backEdge[size_t(e)] = true;
                else if (state[size_t(w)] == 0) {
                    state[size_t(w)] = 1;
                    stack.emplace_back(w, 0);
                }
            } else {
                state[size_t(v)] = 2;
                stack.pop_back();
            }
        }
    }

    // --- 2. layers: longest path over the acyclic (forward + reversed back) edges -----------------------
    std::vector<std::vector<int>> succ(static_cast<size_t>(n));
    std::vector<int> indegree(size_t(n), 0);
    const auto directed = [&](size_t e) {
        const auto [a, b] = edges[e];
        return result.backEdge[e] ? std::pair{b, a} : std::pair{a, b};
    };
    for (size_t e = 0; e < edges.size(); ++e) {
        const auto [a, b] = edges[e];
        if (a < 0 || a >= n || b < 0 || b >= n || a == b)
            continue;
        const auto [from, to] = directed(e);
        succ[size_t(from)].push_back(to);
        ++indegree[size_t(to)];
    }
    std::vector<int> topo;
    topo.reserve(size_t(n));
    for (int v = 0; v < n; ++v) {
        if (indegree[size_t(v)] == 0)
            topo.push_back(v);
    }
    for (size_t i = 0; i < topo.size(); ++i) {
        const int v = topo[i];
        for (int w : succ[size_t(v)]) {
            result.layer[size_t(w)] = std::max(result.layer[size_t(w)], result.layer[size_t(v)] + 1);
            if (--indegree[size_t(w)] == 0)
                topo.push_back(w);
        }
    }

    // --- 3. dummies for edges longer than one layer ----------------------------------------------------
    Graph g;
    g.realCount = n;
    for (int v = 0; v < n; ++v)
        g.add(result.layer[size_t(v)], sizes[size_t(v)].width(), sizes[size_t(v)].height());
    std::vector<std::vector<int>> chains(edges.size());   // per edge: the nodes top to bottom
    for (size_t e = 0; e < edges.size(); ++e) {
        const auto [a, b] = edges[e];
        if (a < 0 || a >= n || b < 0 || b >= n || a == b)
            continue;
        const auto [from, to] = directed(e);
        std::vector<int> chain{from};
        for (int l = g.layer[size_t(from)] + 1; l < g.layer[size_t(to)]; ++l)
            chain.push_back(g.add(l, options.dummyWidth, 0));
        chain.push_back(to);
        for (size_t i = 0; i + 1 < chain.size(); ++i) {
            g.down[size_t(chain[i])].push_back(chain[i + 1]);
            g.up[size_t(chain[i + 1])].push_back(chain[i]);
        }
        chains[e] = std::move(chain);
    }
    const int total = int(g.layer.size());
    int layerCount = 0;
    for (int l : g.layer)
        layerCount = std::max(layerCount, l + 1);

    // --- 4. order: start from a breadth-first visit, then barycenter sweeps ----------------------------
    std::vector<std::vector<int>> layers(static_cast<size_t>(layerCount));
    {
        std::vector<char> placed(size_t(total), 0);
        std::vector<int> queue;
        for (int v = 0; v < total; ++v) {
            if (g.up[size_t(v)].empty() && !placed[size_t(v)]) {
                queue.push_back(v);
                placed[size_t(v)] = 1;
                for (size_t i = queue.size() - 1; i < queue.size(); ++i) {
                    const int x = queue[i];
                    for (int y : g.down[size_t(x)]) {
                        if (!placed[size_t(y)]) {
                            placed[size_t(y)] = 1;
                            queue.push_back(y);
                        }
                    }
                }
            }
        }
        for (int v = 0; v < total; ++v) {
            if (!placed[size_t(v)])
                queue.push_back(v);
        }
        for (int v : queue)
            layers[size_t(g.layer[size_t(v)])].push_back(v);
    }
    std::vector<int> pos(size_t(total), 0);
    const auto renumber = [&]() {
        for (const auto &layerNodes : layers) {
            for (size_t i = 0; i < layerNodes.size(); ++i)
                pos[size_t(layerNodes[i])] = int(i);
        }
    };
    renumber();
    const auto totalCrossings = [&]() {
        long c = 0;
        for (int l = 0; l + 1 < layerCount; ++l)
            c += crossings(layers[size_t(l)], pos, g);
        return c;
    };
    long best = totalCrossings();
    std::vector<std::vector<int>> bestLayers = layers;
    const auto sweep = [&](int l, bool downward) {
        auto &nodes = layers[size_t(l)];
        std::vector<std::pair<double, int>> keyed;
        keyed.reserve(nodes.size());
        for (size_t i = 0; i < nodes.size(); ++i) {
            const int v = nodes[i];
            const auto &neighbours = downward ? g.up[size_t(v)] : g.down[size_t(v)];
            double key = double(pos[size_t(v)]);
            if (!neighbours.empty()) {
                double sum = 0;
                for (int w : neighbours)
                    sum += pos[size_t(w)];
                key = sum / double(neighbours.size());
            }
            keyed.emplace_back(key, v);
        }
        std::stable_sort(keyed.begin(), keyed.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        for (size_t i = 0; i < nodes.size(); ++i) {
            nodes[i] = keyed[i].second;
            pos[size_t(nodes[i])] = int(i);
        }
    };
    for (int s = 0; s < options.sweeps && best > 0; ++s) {
        for (int l = 1; l < layerCount; ++l)
            sweep(l, true);
        for (int l = layerCount - 2; l >= 0; --l)
            sweep(l, false);
        const long c = totalCrossings();
        if (c < best) {
            best = c;
            bestLayers = layers;
        }
    }
    layers = bestLayers;
    renumber();

    // --- 5. coordinates --------------------------------------------------------------------------------
    std::vector<double> layerTop(size_t(layerCount), 0);
    std::vector<double> layerHeight(size_t(layerCount), 0);
    for (int v = 0; v < total; ++v)
        layerHeight[size_t(g.layer[size_t(v)])] = std::max(layerHeight[size_t(g.layer[size_t(v)])], g.height[size_t(v)]);
    for (int l = 1; l < layerCount; ++l)
        layerTop[size_t(l)] = layerTop[size_t(l - 1)] + layerHeight[size_t(l - 1)] + options.layerGap;

    std::vector<double> cx(size_t(total), 0);   // centre x
    for (const auto &nodes : layers) {
        double x = 0;
        for (int v : nodes) {
            cx[size_t(v)] = x + g.width[size_t(v)] / 2;
            x += g.width[size_t(v)] + options.nodeGap;
        }
    }
    // Place one layer's nodes as near to their wishes as their order and gaps allow: a left-to-right pass
    // pushes right, a right-to-left pass pushes left; the mean of both keeps the layer balanced.
    const auto place = [&](const std::vector<int> &nodes, const std::vector<double> &wish) {
        const size_t k = nodes.size();
        if (k == 0)
            return;
        std::vector<double> left(k), right(k);
        for (size_t i = 0; i < k; ++i) {
            left[i] = wish[i];
            if (i > 0) {
                const double min = left[i - 1] + (g.width[size_t(nodes[i - 1])] + g.width[size_t(nodes[i])]) / 2
                                   + options.nodeGap;
                left[i] = std::max(left[i], min);
            }
        }
        for (size_t i = k; i-- > 0;) {
            right[i] = wish[i];
            if (i + 1 < k) {
                const double max = right[i + 1] - (g.width[size_t(nodes[i + 1])] + g.width[size_t(nodes[i])]) / 2
                                   - options.nodeGap;
                right[i] = std::min(right[i], max);
            }
        }
        for (size_t i = 0; i < k; ++i)
            cx[size_t(nodes[i])] = (left[i] + right[i]) / 2;
        // the mean of two feasible placements is feasible; nothing more to fix
    };
    for (int iteration = 0; iteration < 4; ++iteration) {
        const bool downward = iteration % 2 == 0;
        for (int step = 0; step < layerCount; ++step) {
            const int l = downward ? step : layerCount - 1 - step;
            const auto &nodes = layers[size_t(l)];
            std::vector<double> wish(nodes.size());
            for (size_t i = 0; i < nodes.size(); ++i) {
                const int v = nodes[i];
                const auto &primary = downward ? g.up[size_t(v)] : g.down[size_t(v)];
                const auto &neighbours = primary.empty() ? (downward ? g.down[size_t(v)] : g.up[size_t(v)]) : primary;
                if (neighbours.empty()) {
                    wish[i] = cx[size_t(v)];
                    continue;
                }
                double sum = 0;
                for (int w : neighbours)
                    sum += cx[size_t(w)];
                wish[i] = sum / double(neighbours.size());
            }
            place(nodes, wish);
        }
    }
    double minX = 1e300;
    double maxX = -1e300;
    for (int v = 0; v < total; ++v) {
        minX = std::min(minX, cx[size_t(v)] - g.width[size_t(v)] / 2);
        maxX = std::max(maxX, cx[size_t(v)] + g.width[size_t(v)] / 2);
    }
    for (int v = 0; v < total; ++v)
        cx[size_t(v)] = std::round(cx[size_t(v)] - minX);
    for (int v = 0; v < n; ++v)
        result.positions[size_t(v)] = QPointF(cx[size_t(v)] - std::round(g.width[size_t(v)] / 2),
                                              layerTop[size_t(g.layer[size_t(v)])]);
    result.size = QSizeF(std::round(maxX - minX), layerTop.back() + layerHeight.back());

    // --- routes: down the node's column to its layer's bottom, across the gap, down into the next ------
    for (size_t e = 0; e < edges.size(); ++e) {
        const auto &chain = chains[e];
        if (chain.size() < 2)
            continue;
        std::vector<QPointF> route;
        for (size_t i = 0; i < chain.size(); ++i) {
            const int v = chain[i];
            const int l = g.layer[size_t(v)];
            const double x = cx[size_t(v)];
            const double top = layerTop[size_t(l)];
            const double bottom = top + layerHeight[size_t(l)];
            if (i == 0) {
                route.emplace_back(x, top + g.height[size_t(v)]);
                route.emplace_back(x, bottom);
            } else if (i + 1 == chain.size()) {
                route.emplace_back(x, top);
            } else {   // a dummy: straight through its layer
                route.emplace_back(x, top);
                route.emplace_back(x, bottom);
            }
        }
        if (result.backEdge[e])
            std::reverse(route.begin(), route.end());
        result.routes[e] = std::move(route);
    }
    return result;
}

} // namespace sluice::ui
