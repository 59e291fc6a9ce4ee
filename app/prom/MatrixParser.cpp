#include "prom/MatrixParser.h"

#include <simdjson.h>

#include <cmath>
#include <limits>

namespace Sitrep::Prom::Internal {

namespace {

using namespace simdjson;

QString text(std::string_view v)
{
    return QString::fromUtf8(v.data(), qsizetype(v.size()));
}

// A sample value: a number in a string; "NaN", "+Inf", "-Inf" as Prometheus writes them.
bool sample(ondemand::value v, double &out)
{
    double d = 0;
    if (v.get_double_in_string().get(d) == SUCCESS) {
        out = d;
        return true;
    }
    std::string_view s;
    if (v.get_string().get(s) != SUCCESS)
        return false;
    if (s == "NaN") {
        out = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    if (s == "+Inf" || s == "Inf") {
        out = std::numeric_limits<double>::infinity();
        return true;
    }
    if (s == "-Inf") {
        out = -std::numeric_limits<double>::infinity();
        return true;
    }
    return false;
}

bool series(ondemand::object o, RangeResult &r)
{
    RangeSeries s;
    for (auto field : o) {
        std::string_view key;
        if (field.unescaped_key().get(key) != SUCCESS)
            return false;
        if (key == "metric") {
            ondemand::object labels;
            if (field.value().get_object().get(labels) != SUCCESS)
                return false;
            for (auto l : labels) {
                std::string_view name;
                std::string_view value;
                if (l.unescaped_key().get(name) != SUCCESS || l.value().get_string().get(value) != SUCCESS)
                    return false;
                s.labels.insert(text(name), text(value));
            }
        } else if (key == "values") {
            ondemand::array values;
            if (field.value().get_array().get(values) != SUCCESS)
                return false;
            for (auto pv : values) {
                ondemand::array pair;
                if (pv.get_array().get(pair) != SUCCESS)
                    return false;
                auto it = pair.begin();
                double t = 0;
                double v = 0;
                if (it == pair.end() || (*it).get_double().get(t) != SUCCESS)
                    return false;
                ++it;
                if (it == pair.end())
                    return false;
                ondemand::value value;
                if ((*it).get(value) != SUCCESS || !sample(value, v))
                    return false;
                ++it;
                if (it != pair.end())
                    return false;
                s.timesMs << std::round(t * 1000.0);
                s.values << v;
                if (!std::isfinite(v))
                    ++r.nonFinite;
            }
        } else {
            // Native histograms ("histograms") and whatever comes next: the careful path decides.
            return false;
        }
    }
    r.points += s.values.size();
    r.series << std::move(s);
    return true;
}

bool data(ondemand::object o, RangeResult &r)
{
    bool matrix = false;
    bool haveResult = false;
    for (auto field : o) {
        std::string_view key;
        if (field.unescaped_key().get(key) != SUCCESS)
            return false;
        if (key == "resultType") {
            std::string_view type;
            if (field.value().get_string().get(type) != SUCCESS || type != "matrix")
                return false;
            matrix = true;
        } else if (key == "result") {
            if (!matrix)
                return false; // Prometheus writes the type first; anything else goes the careful way
            ondemand::array result;
            if (field.value().get_array().get(result) != SUCCESS)
                return false;
            for (auto item : result) {
                ondemand::object so;
                if (item.get_object().get(so) != SUCCESS || !series(so, r))
                    return false;
            }
            haveResult = true;
        }
    }
    return matrix && haveResult;
}

} // namespace

std::optional<RangeResult> MatrixParser::parse(const QByteArray &body)
{
    thread_local ondemand::parser parser;
    // simdjson reads a little past the end: the body's own spare capacity when it has enough, else a copy.
    padded_string copy;
    padded_string_view view;
    if (body.capacity() - body.size() >= qsizetype(SIMDJSON_PADDING)) {
        view = padded_string_view(body.constData(), size_t(body.size()), size_t(body.capacity()));
    } else {
        copy = padded_string(body.constData(), size_t(body.size()));
        view = copy;
    }
    RangeResult r;
    ondemand::document doc;
    if (parser.iterate(view).get(doc) != SUCCESS)
        return std::nullopt;
    ondemand::object root;
    if (doc.get_object().get(root) != SUCCESS)
        return std::nullopt;
    bool success = false;
    bool haveData = false;
    for (auto field : root) {
        std::string_view key;
        if (field.unescaped_key().get(key) != SUCCESS)
            return std::nullopt;
        if (key == "status") {
            std::string_view status;
            if (field.value().get_string().get(status) != SUCCESS || status != "success")
                return std::nullopt;
            success = true;
        } else if (key == "data") {
            ondemand::object d;
            if (field.value().get_object().get(d) != SUCCESS || !data(d, r))
                return std::nullopt;
            haveData = true;
        } else if (key == "warnings" || key == "infos") {
            ondemand::array list;
            if (field.value().get_array().get(list) != SUCCESS)
                return std::nullopt;
            for (auto w : list) {
                std::string_view s;
                if (w.get_string().get(s) != SUCCESS)
                    return std::nullopt;
                r.warnings << text(s);
            }
        } else if (key == "partialResponse" || key == "isPartial") {
            bool partial = false;
            if (field.value().get_bool().get(partial) != SUCCESS)
                return std::nullopt;
            if (partial)
                r.warnings << QStringLiteral("partial response: some data sources did not answer");
        } else {
            // Unknown top-level keys (stats, errorType ...): let the careful path judge the whole answer.
            return std::nullopt;
        }
    }
    if (!success || !haveData)
        return std::nullopt;
    // Anything after the closing brace makes it malformed (the careful path words it).
    const char *trailing = nullptr;
    if (doc.current_location().get(trailing) == SUCCESS)
        return std::nullopt;
    return r;
}

} // namespace Sitrep::Prom::Internal
