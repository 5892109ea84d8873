// bench_editor: the designer on large workflows. Opens and lays out a generated 500-state definition (nested
// Maps and Parallels), renders the canvas to an offscreen image while panning and zooming, and times single
// edits with their undo (validation and canvas update included); then renders a 1,000-state one.
// Prints figures; the last line is one JSON object.

#include "editor/EditorDocument.h"
#include "editor/GraphScene.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QMimeData>
#include <QPainter>
#include <QUndoStack>

#include <algorithm>
#include <ctime>
#include <cmath>
#include <functional>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

using sluice::StateType;
using sluice::ui::EdgeKind;
using sluice::ui::EditorDocument;
using sluice::ui::GraphScene;
using sluice::ui::OrderedJson;

namespace {

/// A chain of `count` states at the top level and inside containers: mostly Task/Choice/Pass/Wait, every
/// tenth a Map (whose processor holds a chain, now and then a Parallel) or a Parallel of two branches.
/// States inside containers count towards `count`.
class Generator
{
public:
    QByteArray make(int count)
    {
        m_left = count;
        m_next = 0;
        OrderedJson root = machine(0);
        return QByteArray::fromStdString(root.dump(2));
    }

private:
    std::string name() { return "Step " + std::to_string(m_next++); }

    OrderedJson machine(int depth)
    {
        OrderedJson m = OrderedJson::object();
        OrderedJson states = OrderedJson::object();
        std::vector<std::string> names;
        const int length = depth == 0 ? 1 << 30 : 4 + depth;
        for (int i = 0; i < length && m_left > 0; ++i) {
            const std::string n = name();
            --m_left;
            names.push_back(n);
            OrderedJson s = OrderedJson::object();
            const int kind = depth < 2 && m_left > 12 ? (m_next % 10 == 3 ? 5 : m_next % 10 == 7 ? 6 : m_next % 4)
                                                      : m_next % 4;
            switch (kind) {
            case 0:
                s["Type"] = "Task";
                s["Resource"] = (m_next % 3 == 0) ? "sluice:http" : "sluice:sql";
                s["Parameters"] = OrderedJson::object({{"id.$", "$.id"}, {"n", m_next}});
                s["Retry"] = OrderedJson::array({OrderedJson::object({{"ErrorEquals", {"States.Timeout"}}, {"MaxAttempts", 2}})});
                break;
            case 1:
                s["Type"] = "Choice";
                break;
            case 2:
                s["Type"] = "Pass";
                s["ResultPath"] = "$.p" + std::to_string(m_next);
                break;
            case 3:
                s["Type"] = "Wait";
                s["Seconds"] = 1;
                break;
            case 5:
                s["Type"] = "Map";
                s["ItemsPath"] = "$.items";
                s["ItemProcessor"] = machine(depth + 1);
                s["ItemProcessor"]["ProcessorConfig"] = OrderedJson::object({{"Mode", "INLINE"}});
                break;
            case 6:
                s["Type"] = "Parallel";
                s["Branches"] = OrderedJson::array({machine(depth + 1), machine(depth + 1)});
                break;
            }
            states[n] = std::move(s);
        }
        // wire the chain: Choice goes on by a rule and by Default (skipping one), others by Next
        for (size_t i = 0; i < names.size(); ++i) {
            OrderedJson &s = states[names[i]];
            const bool last = i + 1 == names.size();
            if (s["Type"] == "Choice") {
                const std::string next = last ? std::string() : names[i + 1];
                const std::string skip = i + 2 < names.size() ? names[i + 2] : next;
                if (last) {
                    s["Type"] = "Succeed";
                    continue;
                }
                s["Choices"] = OrderedJson::array({OrderedJson::object(
                    {{"Variable", "$.n"}, {"NumericGreaterThan", 10}, {"Next", next}})});
                s["Default"] = skip;
            } else if (last) {
                s["End"] = true;
            } else {
                s["Next"] = names[i + 1];
            }
        }
        m["StartAt"] = names.empty() ? std::string() : names.front();
        m["States"] = std::move(states);
        return m;
    }

    int m_left = 0;
    int m_next = 0;
};

/// This thread's CPU time in ms: on a loaded machine wall time also counts the waits for a core.
double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    if (v.empty())
        return 0;
    const size_t i = std::min(v.size() - 1, size_t(std::ceil(p * double(v.size()))) - 1);
    return v[i];
}

struct Opened
{
    std::unique_ptr<EditorDocument> doc;
    std::unique_ptr<GraphScene> scene;
};

Opened open(const QByteArray &bytes)
{
    Opened o;
    o.doc = std::make_unique<EditorDocument>();
    if (!o.doc->load(bytes).ok())
        std::fprintf(stderr, "generated definition does not load\n");
    o.scene = std::make_unique<GraphScene>(o.doc.get());
    return o;
}

/// Frames while panning at 100 % and 50 % and zooming from the whole drawing in to 150 %.
std::vector<double> frames(GraphScene &scene, std::vector<double> *cpu)
{
    const QSize viewport(1600, 1000);
    QImage image(viewport, QImage::Format_ARGB32_Premultiplied);
    const QRectF bounds = scene.itemsBoundingRect();
    std::vector<std::pair<double, QPointF>> views;   // zoom, centre
    for (double zoom : {1.0, 0.5}) {
        for (int i = 0; i < 60; ++i) {
            const double t = i / 59.0;
            views.emplace_back(zoom, QPointF(bounds.center().x() + (t - 0.5) * bounds.width() * 0.3,
                                             bounds.top() + t * bounds.height()));
        }
    }
    const double fit = std::min(viewport.width() / bounds.width(), viewport.height() / bounds.height());
    for (int i = 0; i < 60; ++i) {
        const double zoom = fit * std::pow(1.5 / fit, i / 59.0);
        views.emplace_back(zoom, QPointF(bounds.center().x(), bounds.top() + bounds.height() * 0.3));
    }
    std::vector<double> ms;
    for (const auto &[zoom, centre] : views) {
        const QSizeF visible(viewport.width() / zoom, viewport.height() / zoom);
        const QRectF source(centre - QPointF(visible.width() / 2, visible.height() / 2), visible);
        QElapsedTimer timer;
        timer.start();
        const double cpu0 = cpuMs();
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
        scene.render(&painter, QRectF(QPointF(0, 0), viewport), source, Qt::IgnoreAspectRatio);
        painter.end();
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        cpu->push_back(cpuMs() - cpu0);
    }
    return ms;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    Generator generator;
    const QByteArray def500 = generator.make(500);
    const QByteArray def1000 = generator.make(1000);

    // open + layout: parse, validate, lay out every machine, create the items (median of 5)
    std::vector<double> openMs;
    std::vector<double> openCpu;
    Opened big;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer timer;
        timer.start();
        const double cpu0 = cpuMs();
        Opened o = open(def500);
        openMs.push_back(double(timer.nsecsElapsed()) / 1e6);
        openCpu.push_back(cpuMs() - cpu0);
        if (i == 4)
            big = std::move(o);
    }
    const int states = int(big.doc->statePointers().size());
    std::printf("500-state definition: %d states (%d at the top level), %zu edges on the canvas, %s\n", states,
                int(big.doc->statesIn({}).size()), big.scene->edgeItems().size(),
                big.doc->isValid() ? "valid" : "INVALID");
    std::printf("open + layout          %.1f ms wall, %.1f ms CPU (median of 5)\n", median(openMs), median(openCpu));

    std::vector<double> cpu500;
    const std::vector<double> frame500 = frames(*big.scene, &cpu500);
    std::printf("frames (500 states)    median %.2f ms, p99 %.2f ms, max %.2f ms over %zu frames (wall)\n",
                median(frame500), percentile(frame500, 0.99), *std::max_element(frame500.begin(), frame500.end()),
                frame500.size());
    std::printf("                       median %.2f ms, p99 %.2f ms (CPU)\n", median(cpu500), percentile(cpu500, 0.99));

    // edit + undo, validation and canvas update included: the median of 5 per kind, the worst kind reported
    EditorDocument &doc = *big.doc;
    const QStringList top = doc.statesIn({});
    const QString middle = top.value(top.size() / 2);
    const QString nextOfMiddle = top.value(top.size() / 2 + 1);
    QString nestedContainer;
    for (const QString &p : top) {
        if (doc.typeOf(p) == StateType::Map) {
            nestedContainer = p;
            break;
        }
    }
    struct Edit
    {
        const char *name;
        std::function<bool()> run;
    };
    std::unique_ptr<QMimeData> clip(doc.copy({top.value(10), top.value(11)}));
    const std::vector<Edit> edits = {
        {"rename", [&] { return doc.renameState(middle, QStringLiteral("Renamed")).ok(); }},
        {"add", [&] { return doc.addState({}, StateType::Task, QStringLiteral("sluice:http"), {3000, 0}).ok(); }},
        {"delete", [&] { return doc.deleteStates({middle}).ok(); }},
        {"connect", [&] { return doc.connectStates(top.value(5), top.value(40), EdgeKind::Catch).ok(); }},
        {"replace", [&] {
             sluice::Json pass = {{"Type", "Pass"}, {"Next", sluice::ui::StateRef::nameOf(top.value(3)).toStdString()}};
             return doc.replaceState(top.value(2), pass).ok();
         }},
        {"move", [&] { doc.moveStates({{middle, QPointF(5000, 5000)}}); return true; }},
        {"insert", [&] { return doc.insertOnEdge(middle, EdgeKind::Next, -1, StateType::Wait).ok(); }},
        {"group", [&] { return doc.group({middle}, StateType::Parallel).ok(); }},
        {"paste", [&] { return doc.paste(clip.get(), {}).ok(); }},
        {"collapse", [&] { doc.setCollapsed(nestedContainer, true); return true; }},
    };
    Q_UNUSED(nextOfMiddle)
    double worst = 0;
    double worstCpu = 0;
    for (const Edit &edit : edits) {
        std::vector<double> ms;
        std::vector<double> cpu;
        for (int i = 0; i < 5; ++i) {
            QElapsedTimer timer;
            timer.start();
            const double cpu0 = cpuMs();
            const bool ok = edit.run();
            if (ok)
                doc.undoStack()->undo();
            ms.push_back(double(timer.nsecsElapsed()) / 1e6);
            cpu.push_back(cpuMs() - cpu0);
            if (!ok)
                std::printf("  (edit %s was refused)\n", edit.name);
        }
        std::printf("edit + undo %-10s median %.1f ms, max %.1f ms (wall); median %.1f ms (CPU)\n", edit.name,
                    median(ms), *std::max_element(ms.begin(), ms.end()), median(cpu));
        worst = std::max(worst, median(ms));
        worstCpu = std::max(worstCpu, median(cpu));
    }
    std::printf("edit + undo, worst kind: %.1f ms wall, %.1f ms CPU\n", worst, worstCpu);

    // the same edits on the document alone (no canvas): what validation and the snapshots cost
    {
        EditorDocument alone;
        (void)alone.load(def500);
        std::vector<double> ms;
        for (int i = 0; i < 5; ++i) {
            QElapsedTimer timer;
            timer.start();
            if (alone.renameState(middle, QStringLiteral("Renamed")).ok())
                alone.undoStack()->undo();
            ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        std::printf("edit + undo rename, document alone: median %.1f ms\n", median(ms));
    }

    Opened huge = open(def1000);
    std::printf("1000-state definition: %d states\n", int(huge.doc->statePointers().size()));
    std::vector<double> cpu1000;
    const std::vector<double> frame1000 = frames(*huge.scene, &cpu1000);
    std::printf("frames (1000 states)   median %.2f ms, p99 %.2f ms (wall); median %.2f ms (CPU)\n", median(frame1000),
                percentile(frame1000, 0.99), median(cpu1000));

    std::printf("{\"bench\": \"editor\", \"open_layout_ms\": %.1f, \"frame_ms_median\": %.2f, \"frame_ms_p99\": %.2f, "
                "\"frame_ms_median_1000\": %.2f, \"edit_undo_ms_max\": %.1f}\n",
                median(openMs), median(frame500), percentile(frame500, 0.99), median(frame1000), worst);
    return 0;
}
