#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace Sitrep::Core {

// What went wrong, as a sentence a user can act on (plus where, when it is about a file).
struct Error
{
    QString message;
    QString where; // file, file:line, field, URL ... empty when not about a place

    QString text() const { return where.isEmpty() ? message : where + QStringLiteral(": ") + message; }
};

// An expected-or-error value: errors travel as values and become sentences at the edge.
template<typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_data(std::move(value))
    {}
    Result(Error error)
        : m_data(std::move(error))
    {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<T>(m_data); }
    T &value() & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }
    const Error &error() const { return std::get<Error>(m_data); }
    T valueOr(T fallback) const { return ok() ? value() : std::move(fallback); }

private:
    std::variant<T, Error> m_data;
};

struct Ok
{
};

template<> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Ok) {}
    Result(Error error)
        : m_error(std::move(error))
    {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

inline Error makeError(QString message, QString where = {})
{
    return Error{std::move(message), std::move(where)};
}

} // namespace Sitrep::Core
