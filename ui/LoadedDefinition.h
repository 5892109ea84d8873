#pragma once

#include "Result.h"
#include "StateOutline.h"
#include "definition/Workflow.h"

#include <QString>

#include <memory>
#include <vector>

namespace sluice::ui {

/// What DefinitionLoader hands the window: the file's text, its outline and its problems. A value type that
/// crosses from the worker thread to the GUI thread.
struct LoadedDefinition
{
    QString path;
    bool readable = false;
    QString readError;                            ///< when !readable: why (QFile::errorString())
    QString text;                                 ///< the definition as UTF-8 text
    std::shared_ptr<const Workflow> workflow;     ///< null unless the definition is valid
    std::vector<OutlineNode> outline;
    int stateCount = 0;
    std::vector<Error> problems;                  ///< in document order; empty when valid

    bool isValid() const { return readable && workflow && problems.empty(); }
};

} // namespace sluice::ui
