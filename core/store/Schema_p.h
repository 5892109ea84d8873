#pragma once

#include "Result.h"

namespace sluice {

class StoreConnection;

/// The journal's tables and their migrations, per back end. Used by whoever opens a connection.
class Schema
{
public:
    /// The schema version of the store (0 for an empty one).
    static Result<int> version(StoreConnection &connection);
    /// Brings the store to Journal::kSchemaVersion in one transaction; refuses a newer store untouched.
    /// For SQLite also switches to WAL.
    static Result<void> migrate(StoreConnection &connection);
    /// For readers: the store exists and is not newer than this build.
    static Result<void> check(StoreConnection &connection);
    /// Per-connection settings (SQLite: synchronous=NORMAL, foreign keys off, cache).
    static Result<void> configure(StoreConnection &connection);
};

} // namespace sluice
