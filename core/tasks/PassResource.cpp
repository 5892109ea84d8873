#include "PassResource.h"

namespace sluice {

void PassResource::invoke(const TaskCall &call, TaskCallback done)
{
    done(Result<Json, Failure>(call.input));
}

} // namespace sluice
