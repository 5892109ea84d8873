#pragma once

#include "Json.h"
#include "Result.h"
#include "paths/EvalScope.h"

#include <memory>
#include <string_view>

namespace sluice {

/// A compiled payload template (Parameters, ResultSelector, ItemSelector, ...): a JSON value in which
/// every object key ending in ".$" has a string value that is a Path or an intrinsic function call;
/// evaluating replaces each such field with the key without ".$" and the selected value. Compiled once;
/// evaluation walks a prepared tree (static parts are copied, never re-parsed). Thread-safe.
class PayloadTemplate
{
public:
    PayloadTemplate();
    ~PayloadTemplate();
    PayloadTemplate(const PayloadTemplate &);
    PayloadTemplate &operator=(const PayloadTemplate &);
    PayloadTemplate(PayloadTemplate &&) noexcept;
    PayloadTemplate &operator=(PayloadTemplate &&) noexcept;

    /// `pointer` is the JSON pointer of `source` in its document, so errors point at the bad field
    /// (e.g. "/States/Load/Parameters/id.$"). Errors: BadTemplate, BadPath or BadIntrinsic.
    static Result<PayloadTemplate> compile(const Json &source, std::string_view pointer = {});

    const Json &source() const;   ///< the template as written, for serialization
    bool usesContext() const;

    /// Failure{States.Runtime} when a path finds nothing; intrinsic failures as Intrinsic::evaluate.
    Result<Json, Failure> evaluate(const EvalScope &scope) const;

    bool operator==(const PayloadTemplate &other) const { return source() == other.source(); }

private:
    struct Impl;
    std::shared_ptr<const Impl> d;
};

} // namespace sluice
