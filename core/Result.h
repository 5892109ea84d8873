#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace sluice {

/// Stable error codes reported by core/. ui/ErrorText puts them into words for people.
enum class ErrorCode {
    NotJson,          ///< the bytes are not JSON (or not UTF-8)
    BadDefinition,    ///< a rule of the States Language is broken
    UnknownField,     ///< a field that is not legal where it appears
    MissingField,     ///< a required field is absent
    WrongType,        ///< a field has the wrong JSON type or an illegal value
    UnknownState,     ///< a transition names a state that does not exist
    Unreachable,      ///< a state no path from StartAt reaches
    BadPath,          ///< a reference path or JSONPath does not parse
    BadTemplate,      ///< a payload template is malformed
    BadIntrinsic,     ///< an intrinsic function call is malformed
    BadChoiceRule,    ///< a Choice rule is malformed
    IoError,          ///< a file could not be read or written
    InvalidArgument,  ///< a caller passed something unusable
    Cancelled,        ///< the work was cancelled
    NotYaml,          ///< the bytes are not YAML, or YAML that JSON cannot hold (a tag, .inf, a complex key)
};

/// Where an error is: a JSON pointer into a definition and its line and column (1-based, 0 = unknown),
/// or a file and row for data.
struct SourceLocation
{
    QString pointer;
    int line = 0;
    int column = 0;
};

struct Error
{
    ErrorCode code = ErrorCode::BadDefinition;
    QString message;
    SourceLocation where;

    /// "LINE:COL: POINTER: message", leaving out what is unknown.
    QString toString() const;
};

/// A value or an error. Errors are data in core/: no exception leaves a public function.
template <typename T, typename E = Error>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(E error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const E &error() const & { return std::get<1>(m_data); }
    E &&error() && { return std::get<1>(std::move(m_data)); }

private:
    std::variant<T, E> m_data;
};

/// Result of an operation that yields nothing but can fail.
template <typename E>
class [[nodiscard]] Result<void, E>
{
public:
    Result() = default;
    Result(E error) : m_error(std::move(error)), m_failed(true) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const E &error() const & { return m_error; }
    E &&error() && { return std::move(m_error); }

private:
    E m_error{};
    bool m_failed = false;
};

} // namespace sluice
