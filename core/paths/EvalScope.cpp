#include "paths/EvalScope.h"

namespace sluice {

const Json &EvalScope::context() const
{
    static const Json kEmpty = Json::object();
    return m_context ? m_context() : kEmpty;
}

} // namespace sluice
