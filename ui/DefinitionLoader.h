#pragma once

#include "LoadedDefinition.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace sluice::ui {

/// Reads, parses and validates a definition on a worker thread and reports the result on the thread the
/// loader lives on (the GUI thread), so a large definition never freezes the window.
/// Only the latest load() reports; an older one still running is cancelled and its result dropped.
class DefinitionLoader : public QObject
{
    Q_OBJECT
public:
    explicit DefinitionLoader(QObject *parent = nullptr);
    /// Cancels the running load and waits for its worker, which stops at its next step.
    ~DefinitionLoader() override;

    /// Starts loading `path`; returns at once. loaded() follows.
    void load(const QString &path);
    bool isLoading() const { return m_loading; }

Q_SIGNALS:
    void loaded(const sluice::ui::LoadedDefinition &definition);

private:
    void deliver(quint64 generation, const std::shared_ptr<LoadedDefinition> &definition);

    QThreadPool m_pool;
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_loading = false;
};

} // namespace sluice::ui
