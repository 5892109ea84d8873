#include "definition/JsonReader_p.h"

#include "definition/SourceLocator_p.h"

#include <cmath>

namespace sluice::definition::detail {

namespace {

class DomBuilder
{
public:
    using string_t = Json::string_t;
    using number_integer_t = Json::number_integer_t;
    using number_unsigned_t = Json::number_unsigned_t;
    using number_float_t = Json::number_float_t;
    using binary_t = Json::binary_t;

    DomBuilder(JsonDocument &doc, std::string_view bytes, int maxDepth, bool everyObject)
        : m_doc(doc), m_bytes(bytes), m_maxDepth(maxDepth), m_everyObject(everyObject)
    {}

    bool null() { return insert(Json(nullptr)) != nullptr; }
    bool boolean(bool value) { return insert(Json(value)) != nullptr; }
    bool number_integer(number_integer_t value) { return insert(Json(value)) != nullptr; }
    bool number_unsigned(number_unsigned_t value) { return insert(Json(value)) != nullptr; }
    bool number_float(number_float_t value, const string_t &)
    {
        if (!std::isfinite(value)) { // nlohmann refuses these first (error 406); belt and braces
            fail("a number is too large to be represented", 0);
            return false;
        }
        return insert(Json(value)) != nullptr;
    }
    bool string(string_t &value) { return insert(Json(std::move(value))) != nullptr; }
    bool binary(binary_t &) { return false; } // never produced by the JSON parser

    bool start_object(std::size_t) { return open(Json::object()); }
    bool start_array(std::size_t) { return open(Json::array()); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(string_t &key)
    {
        Frame &top = m_frames.back();
        if (top.value->contains(key)) {
            const std::string pointer = pointerOf(m_frames.size()) + '/' + escapePointerToken(key);
            int occurrence = 2;
            for (const auto &d : m_doc.duplicates) {
                if (d.pointer == pointer)
                    ++occurrence;
            }
            m_doc.duplicates.push_back({pointer, key, occurrence});
        } else if (top.keyOrder) {
            top.keyOrder->push_back(key);
        }
        m_key = std::move(key);
        return true;
    }

    bool parse_error(std::size_t position, const std::string &lastToken, const nlohmann::json::exception &ex)
    {
        // nlohmann: "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..."
        std::string what = ex.what();
        if (what.rfind("[json.exception.", 0) == 0 && what.find("] ") != std::string::npos)
            what = what.substr(what.find("] ") + 2);
        const auto column = what.find(", column ");
        if (column != std::string::npos) {
            const auto colon = what.find(": ", column);
            if (colon != std::string::npos)
                what = what.substr(colon + 2);
        }
        // `position` is just behind the byte where nlohmann noticed the problem. For "number overflow"
        // (406) point at the number itself; its token is plain ASCII.
        std::size_t offset = position > 0 ? position - 1 : 0;
        if (ex.id == 406 && !lastToken.empty() && lastToken.size() <= position)
            offset = position - lastToken.size();
        fail(what, offset);
        return false;
    }

private:
    struct Frame
    {
        Json *value;
        std::string token;
        std::vector<std::string> *keyOrder = nullptr;
    };

    void fail(std::string message, std::size_t offset)
    {
        if (!m_doc.ok)
            return;
        m_doc.ok = false;
        m_doc.errorMessage = std::move(message);
        m_doc.errorOffset = std::min(offset, m_bytes.size());
    }

    std::string pointerOf(std::size_t frameCount) const
    {
        std::string pointer;
        for (std::size_t i = 1; i < frameCount; ++i)
            pointer += '/' + escapePointerToken(m_frames[i].token);
        return pointer;
    }

    /// Puts `value` where the parser is (root, array element or object member); sets m_token.
    Json *insert(Json value)
    {
        if (m_frames.empty()) {
            m_doc.root = std::move(value);
            m_token.clear();
            return &m_doc.root;
        }
        Json &parent = *m_frames.back().value;
        if (parent.is_array()) {
            m_token = std::to_string(parent.size());
            parent.push_back(std::move(value));
            return &parent.back();
        }
        m_token = m_key;
        Json &slot = parent[m_key];
        slot = std::move(value);
        return &slot;
    }

    bool open(Json empty)
    {
        if (int(m_frames.size()) >= m_maxDepth) {
            const auto offset = SourceLocator::offsetBeyondDepth(m_bytes, m_maxDepth);
            fail("the JSON nests deeper than " + std::to_string(m_maxDepth) +
                     " levels, which is not supported",
                 offset.value_or(0));
            return false;
        }
        const bool namedStates = !m_frames.empty() && m_frames.back().value->is_object() && m_key == "States";
        Json *value = insert(std::move(empty));
        m_frames.push_back({value, m_token, nullptr});
        if (value->is_object() && (m_everyObject || namedStates))
            m_frames.back().keyOrder = &m_doc.keyOrder[pointerOf(m_frames.size())];
        return true;
    }

    bool close()
    {
        m_frames.pop_back();
        return true;
    }

    JsonDocument &m_doc;
    std::string_view m_bytes;
    int m_maxDepth;
    bool m_everyObject;
    std::vector<Frame> m_frames;
    std::string m_key;
    std::string m_token;
};

} // namespace

JsonDocument readJson(std::string_view bytes, int maxDepth, bool everyObject)
{
    JsonDocument doc;
    try {
        DomBuilder builder(doc, bytes, maxDepth, everyObject);
        const bool parsed =
            Json::sax_parse(bytes.begin(), bytes.end(), &builder, Json::input_format_t::json, true);
        if (!parsed && doc.ok) {
            doc.ok = false;
            doc.errorMessage = "the JSON could not be read";
        }
    } catch (const std::exception &e) {
        doc.ok = false;
        doc.errorMessage = e.what();
    } catch (...) {
        doc.ok = false;
        doc.errorMessage = "the JSON could not be read";
    }
    if (!doc.ok)
        doc.root = Json();
    return doc;
}

} // namespace sluice::definition::detail
