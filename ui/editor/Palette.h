#pragma once

#include "definition/Workflow.h"

#include <QTreeWidget>

namespace sluice::ui {

/// The palette (left dock): every state type and every task resource, to drag onto the canvas (or onto an
/// edge to insert there). Double-click or Enter adds the entry through entryActivated(). GUI thread.
class Palette : public QTreeWidget
{
    Q_OBJECT
public:
    explicit Palette(QWidget *parent = nullptr);

    /// Task resources offered, in the order shown ("" for an AWS ARN, mocked locally).
    static QStringList taskResources();
    /// The mocked AWS resource a "AWS ARN (mocked)" entry creates.
    static QString awsResource();

Q_SIGNALS:
    void entryActivated(sluice::StateType type, const QString &resource);

protected:
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QList<QTreeWidgetItem *> &items) const override;
};

} // namespace sluice::ui
