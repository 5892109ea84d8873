#include "run/JournaledStart.h"

#include "store/Journal.h"

#include <QUuid>

namespace sluice {

Result<void> prepareJournaled(const std::shared_ptr<Journal> &journal, const QByteArray &definition,
                              ExecutionOptions &options)
{
    auto version = journal->saveWorkflow(definition, QString::fromStdString(options.stateMachineName));
    if (!version)
        return std::move(version).error();
    options.workflowVersion = version.value();
    options.journal = journal;
    if (options.executionId.isEmpty())
        options.executionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    return {};
}

} // namespace sluice
