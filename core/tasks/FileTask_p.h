#pragma once

#include "Json.h"
#include "Result.h"
#include "tasks/ReaderConfig.h"
#include "tasks/TaskResource.h"

#include <QString>

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

class QThreadPool;

namespace sluice::filetask {

/// What sluice:file.read and sluice:file.write share. Internal to core/tasks.

using Outcome = Result<Json, Failure>;

inline constexpr const char *kNotFound = "File.NotFound";
inline constexpr const char *kParseError = "File.ParseError";
inline constexpr const char *kIoError = "File.IoError";
inline constexpr const char *kSchemaMismatch = "File.SchemaMismatch";
inline constexpr const char *kEncodingError = "File.EncodingError";

/// States.Runtime naming the resource.
Failure badParameters(std::string_view resource, const std::string &message);

/// Runs `work` on `pool` and answers `done` with its outcome; an exception becomes States.TaskFailed.
void runOn(QThreadPool &pool, std::string_view resource, TaskCallback done, std::function<Outcome()> work);

/// The file and how its records are encoded.
struct FileSpec
{
    QString path;          ///< absolute
    Json readerConfig;     ///< for RecordReader::open
    ReaderConfig config;   ///< the same, parsed
};

/// Path, Format, Delimiter, Header (an array), Encoding -> a ReaderConfig, so that reading and writing
/// accept exactly what a Map's ItemReader accepts. A relative Path resolves against call.baseDir, as
/// the ItemReader's does. Other fields than these and `extra` are refused.
Result<FileSpec, Failure> fileSpec(std::string_view resource, const TaskCall &call,
                                   std::initializer_list<const char *> extra);

} // namespace sluice::filetask
