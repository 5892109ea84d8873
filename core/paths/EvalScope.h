#pragma once

#include "Json.h"

#include <functional>

namespace sluice {

/// What paths, payload templates and intrinsic functions read: the effective input ("$") and the
/// context object ("$$"). The context is built on first use only, because most states never read it.
/// A value type used on the thread that evaluates; it borrows `input` and must not outlive it.
class EvalScope
{
public:
    using ContextFn = std::function<const Json &()>;

    explicit EvalScope(const Json &input, ContextFn context = {})
        : m_input(&input), m_context(std::move(context))
    {
    }

    const Json &input() const { return *m_input; }
    /// The context object; an empty object when the caller supplied none.
    const Json &context() const;

private:
    const Json *m_input;
    ContextFn m_context;
};

} // namespace sluice
