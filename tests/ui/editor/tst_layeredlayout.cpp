#include "editor/LayeredLayout.h"

#include <QElapsedTimer>
#include <numeric>
#include <QLineF>
#include <QRandomGenerator>
#include <QRectF>
#include <QTest>

using sluice::ui::LayeredLayout;

namespace {

struct Case
{
    std::vector<QSizeF> sizes;
    std::vector<std::pair<int, int>> edges;
};

/// A workflow-like graph: a chain with forward skips (Choice rules, Catch), some loops back, varied sizes.
Case generate(int n, quint32 seed)
{
    QRandomGenerator random(seed);
    Case c;
    for (int i = 0; i < n; ++i)
        c.sizes.emplace_back(120 + random.bounded(160), 40 + random.bounded(3) * 20);
    for (int i = 0; i + 1 < n; ++i) {
        c.edges.emplace_back(i, i + 1);
        if (random.bounded(4) == 0)
            c.edges.emplace_back(i, std::min(n - 1, i + 2 + int(random.bounded(8))));
        if (random.bounded(15) == 0 && i > 3)
            c.edges.emplace_back(i, i - 1 - int(random.bounded(3)));   // retry loop
    }
    return c;
}

/// Does the segment pass through the inside of the rectangle (its border shrunk by a pixel)?
bool crosses(const QLineF &segment, const QRectF &rect)
{
    const QRectF inner = rect.adjusted(1, 1, -1, -1);
    if (inner.contains(segment.p1()) || inner.contains(segment.p2()))
        return true;
    const QLineF sides[] = {{inner.topLeft(), inner.topRight()},
                            {inner.topRight(), inner.bottomRight()},
                            {inner.bottomRight(), inner.bottomLeft()},
                            {inner.bottomLeft(), inner.topLeft()}};
    for (const QLineF &side : sides) {
        if (segment.intersects(side, nullptr) == QLineF::BoundedIntersection)
            return true;
    }
    return false;
}

} // namespace

class TestLayeredLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chainIsOneColumn();
    void diamondSpreadsAndJoins();
    void loopBecomesBackEdge();
    void largeGraphHasNoOverlapsAndNoEdgeThroughANode_data();
    void largeGraphHasNoOverlapsAndNoEdgeThroughANode();
    void isDeterministic();
    void emptyAndSelfLoop();
};

void TestLayeredLayout::chainIsOneColumn()
{
    const std::vector<QSizeF> sizes(4, QSizeF(100, 40));
    const auto r = LayeredLayout::layout(sizes, {{0, 1}, {1, 2}, {2, 3}});
    for (int i = 1; i < 4; ++i) {
        QCOMPARE(r.positions[size_t(i)].x(), r.positions[0].x());
        QVERIFY(r.positions[size_t(i)].y() > r.positions[size_t(i - 1)].y() + 40);
        QCOMPARE(r.layer[size_t(i)], i);
    }
    QCOMPARE(r.routes[0].front(), QPointF(50, 40));          // bottom centre of the source
    QCOMPARE(r.routes[0].back(), r.positions[1] + QPointF(50, 0));   // top centre of the target
}

void TestLayeredLayout::diamondSpreadsAndJoins()
{
    const std::vector<QSizeF> sizes(4, QSizeF(100, 40));
    const auto r = LayeredLayout::layout(sizes, {{0, 1}, {0, 2}, {1, 3}, {2, 3}});
    QCOMPARE(r.layer[1], 1);
    QCOMPARE(r.layer[2], 1);
    QCOMPARE(r.layer[3], 2);
    QVERIFY(std::abs(r.positions[1].x() - r.positions[2].x()) >= 100);
    // the top and the bottom sit centred between the two sides
    const double middle = (r.positions[1].x() + r.positions[2].x()) / 2;
    QVERIFY(std::abs(r.positions[0].x() - middle) <= 1);
    QVERIFY(std::abs(r.positions[3].x() - middle) <= 1);
}

void TestLayeredLayout::loopBecomesBackEdge()
{
    const std::vector<QSizeF> sizes(3, QSizeF(100, 40));
    const auto r = LayeredLayout::layout(sizes, {{0, 1}, {1, 2}, {2, 1}});
    QVERIFY(!r.backEdge[0] && !r.backEdge[1]);
    QVERIFY(r.backEdge[2]);
    QVERIFY(r.routes[2].front().y() < r.routes[2].back().y() + 1 || r.routes[2].size() >= 2);
    QVERIFY(r.positions[2].y() > r.positions[1].y());
}

void TestLayeredLayout::largeGraphHasNoOverlapsAndNoEdgeThroughANode_data()
{
    QTest::addColumn<int>("nodes");
    QTest::addColumn<quint32>("seed");
    QTest::newRow("60") << 60 << 7u;
    QTest::newRow("500") << 500 << 11u;
    QTest::newRow("1000") << 1000 << 13u;
}

void TestLayeredLayout::largeGraphHasNoOverlapsAndNoEdgeThroughANode()
{
    QFETCH(int, nodes);
    QFETCH(quint32, seed);
    const Case c = generate(nodes, seed);
    QElapsedTimer timer;
    timer.start();
    const auto r = LayeredLayout::layout(c.sizes, c.edges);
    qInfo("%d nodes, %zu edges: %lld ms", nodes, c.edges.size(), timer.elapsed());

    std::vector<QRectF> rects;
    for (int i = 0; i < nodes; ++i)
        rects.emplace_back(r.positions[size_t(i)], c.sizes[size_t(i)]);
    // no two nodes overlap: within a layer they are ordered left to right, layers do not overlap
    std::vector<int> order(static_cast<size_t>(nodes));
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        return std::pair(rects[size_t(a)].top(), rects[size_t(a)].left())
               < std::pair(rects[size_t(b)].top(), rects[size_t(b)].left());
    });
    for (int i = 0; i < nodes; ++i) {
        for (int j = i + 1; j < nodes && rects[size_t(order[size_t(j)])].top() < rects[size_t(order[size_t(i)])].bottom(); ++j)
            QVERIFY2(!rects[size_t(order[size_t(i)])].intersects(rects[size_t(order[size_t(j)])]),
                     qPrintable(QStringLiteral("nodes %1 and %2 overlap").arg(order[size_t(i)]).arg(order[size_t(j)])));
    }
    for (size_t e = 0; e < c.edges.size(); ++e) {
        const auto [a, b] = c.edges[e];
        const auto &route = r.routes[e];
        QVERIFY(route.size() >= 2);
        if (!r.backEdge[e]) {
            // top to bottom: the target lies below the source, and the route never climbs
            QVERIFY(rects[size_t(b)].top() > rects[size_t(a)].bottom());
            for (size_t i = 1; i < route.size(); ++i)
                QVERIFY(route[i].y() >= route[i - 1].y());
        }
        // no segment runs through a node other than its own two ends
        for (size_t i = 1; i < route.size(); ++i) {
            const QLineF segment(route[i - 1], route[i]);
            const double top = std::min(segment.y1(), segment.y2());
            const double bottom = std::max(segment.y1(), segment.y2());
            for (int v = 0; v < nodes; ++v) {
                if (v == a || v == b || rects[size_t(v)].bottom() < top || rects[size_t(v)].top() > bottom)
                    continue;
                QVERIFY2(!crosses(segment, rects[size_t(v)]),
                         qPrintable(QStringLiteral("edge %1->%2 crosses node %3").arg(a).arg(b).arg(v)));
            }
        }
    }
    QVERIFY(timer.elapsed() < 5000);   // generous; bench_editor measures it
}

void TestLayeredLayout::isDeterministic()
{
    const Case c = generate(300, 3);
    const auto a = LayeredLayout::layout(c.sizes, c.edges);
    const auto b = LayeredLayout::layout(c.sizes, c.edges);
    QCOMPARE(a.positions, b.positions);
    QCOMPARE(a.routes, b.routes);
}

void TestLayeredLayout::emptyAndSelfLoop()
{
    QVERIFY(LayeredLayout::layout({}, {}).positions.empty());
    const auto r = LayeredLayout::layout({QSizeF(10, 10)}, {{0, 0}, {0, 5}});
    QCOMPARE(r.positions.size(), size_t(1));
    QVERIFY(r.routes[0].empty());
    QVERIFY(r.routes[1].empty());
}

QTEST_MAIN(TestLayeredLayout)
#include "tst_layeredlayout.moc"
