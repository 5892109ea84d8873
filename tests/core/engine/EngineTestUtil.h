#pragma once

// Helpers shared by the engine tests: run a definition given as JSON and wait for its result.

#include "definition/Parser.h"
#include "engine/Engine.h"
#include "tasks/MockConfig.h"

#include <QFile>
#include <QTest>

namespace sluice::test {

inline std::shared_ptr<const Workflow> workflowFrom(const Json &definition)
{
    auto parsed = definition::parse(QByteArray::fromStdString(definition.dump()));
    if (!parsed)
        qFatal("fixture definition is invalid: %s", qPrintable(parsed.error().toString()));
    return parsed.value();
}

inline ExecutionOptions optionsFrom(const Json &options)
{
    ExecutionOptions o;
    if (!options.is_object())
        return o;
    if (options.contains("noDelays"))
        o.noDelays = options["noDelays"].get<bool>();
    if (options.contains("name"))
        o.stateMachineName = options["name"].get<std::string>();
    if (options.contains("context"))
        o.context = options["context"];
    if (options.contains("mock")) {
        auto mocks = MockConfig::fromJson(options["mock"]);
        if (!mocks)
            qFatal("fixture mock config is invalid: %s", qPrintable(mocks.error().toString()));
        o.mocks = std::make_shared<const MockConfig>(std::move(mocks).value());
        o.testCase = options["testCase"].get<std::string>();
    }
    if (options.contains("maxPayloadBytes"))
        o.maxPayloadBytes = options["maxPayloadBytes"].get<qint64>();
    return o;
}

inline ExecutionResult runToEnd(Engine &engine, const Json &definition, Json input, ExecutionOptions options = {},
                                int timeoutMs = 30000)
{
    const Execution execution = engine.start(workflowFrom(definition), std::move(input), std::move(options));
    if (!execution.waitForFinished(timeoutMs)) {
        execution.cancel();
        execution.waitForFinished();
        return ExecutionResult{execution.id(), ExecutionStatus::Running, nullptr, Failure{"test.Timeout", "did not finish"}, 0, 0};
    }
    return execution.result();
}

inline Json readJsonFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    const QByteArray bytes = file.readAll();
    return Json::parse(bytes.cbegin(), bytes.cend());
}

} // namespace sluice::test
