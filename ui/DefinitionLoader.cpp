#include "DefinitionLoader.h"

#include "definition/Parser.h"

#include <QFile>
#include <QLoggingCategory>
#include <QPointer>
#include <QRunnable>

Q_LOGGING_CATEGORY(lcLoader, "sluice.ui.loader")

namespace sluice::ui {

namespace {

/// The worker: everything slow happens here, nothing here touches a widget.
LoadedDefinition readDefinition(const QString &path, const std::atomic_bool &cancelled)
{
    LoadedDefinition result;
    result.path = path;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.readError = file.errorString();
        return result;
    }
    const QByteArray bytes = file.readAll();
    result.readable = true;
    result.text = QString::fromUtf8(bytes);
    if (cancelled)
        return result;

    auto parsed = definition::parse(bytes);
    if (parsed) {
        result.workflow = std::move(parsed).value();
        if (cancelled)
            return result;
        result.outline = outline::fromWorkflow(*result.workflow, bytes);
    } else {
        result.problems = definition::validate(bytes);
        if (result.problems.empty())   // validate() and parse() should agree; never show "Valid" for a failure
            result.problems.push_back(parsed.error());
        if (cancelled)
            return result;
        result.outline = outline::fromJson(bytes);
    }
    for (Error &problem : result.problems) {
        if (problem.where.line == 0 && !problem.where.pointer.isEmpty()) {
            const SourceLocation where = definition::locate(bytes, problem.where.pointer);
            problem.where.line = where.line;
            problem.where.column = where.column;
        }
    }
    result.stateCount = outline::stateCount(result.outline);
    return result;
}

} // namespace

DefinitionLoader::DefinitionLoader(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(2);
}

DefinitionLoader::~DefinitionLoader()
{
    if (m_cancel)
        *m_cancel = true;
    m_pool.clear();
    m_pool.waitForDone();   // the worker posts to `this`: it must be done before `this` goes
}

void DefinitionLoader::load(const QString &path)
{
    if (m_cancel)
        *m_cancel = true;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const quint64 generation = ++m_generation;
    m_loading = true;

    QPointer<DefinitionLoader> self(this);
    auto cancel = m_cancel;
    m_pool.start([self, path, generation, cancel]() {
        auto result = std::make_shared<LoadedDefinition>();
        try {
            *result = readDefinition(path, *cancel);
        } catch (const std::exception &e) {   // nothing may leave a thread entry point
            qCWarning(lcLoader) << "loading" << path << "failed:" << e.what();
            result->path = path;
            result->readError = QString::fromUtf8(e.what());
        } catch (...) {
            qCWarning(lcLoader) << "loading" << path << "failed";
            result->path = path;
        }
        if (*cancel)
            return;
        // The destructor waits for this runnable, so the loader is alive while we post to it.
        QMetaObject::invokeMethod(
            self.data(), [self, generation, result]() {
                if (self)
                    self->deliver(generation, result);
            },
            Qt::QueuedConnection);
    });
}

void DefinitionLoader::deliver(quint64 generation, const std::shared_ptr<LoadedDefinition> &definition)
{
    if (generation != m_generation)
        return;   // a newer load() superseded this one
    m_loading = false;
    Q_EMIT loaded(*definition);
}

} // namespace sluice::ui
