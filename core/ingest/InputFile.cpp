// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/InputFile.h"

#include <lzma.h>
#include <zlib.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace awb::ingest {

namespace {

constexpr std::size_t kChunk = 1 << 16;

class PlainFile final : public InputFile
{
public:
    explicit PlainFile(std::FILE *f) : m_file(f) {}
    ~PlainFile() override { std::fclose(m_file); }
    std::size_t read(char *buffer, std::size_t size) override
    {
        const std::size_t n = std::fread(buffer, 1, size, m_file);
        if (n == 0 && std::ferror(m_file)) {
            throw std::runtime_error("read error in " + m_path);
        }
        m_pos += static_cast<std::int64_t>(n);
        return n;
    }
    std::int64_t position() const override { return m_pos; }

private:
    std::FILE *m_file;
    std::int64_t m_pos = 0;
};

class GzipFile final : public InputFile
{
public:
    explicit GzipFile(gzFile f) : m_file(f) { gzbuffer(m_file, kChunk); }
    ~GzipFile() override { gzclose(m_file); }
    std::size_t read(char *buffer, std::size_t size) override
    {
        const int n = gzread(m_file, buffer, static_cast<unsigned>(size));
        int code = Z_OK;
        if (n < 0) {
            throw std::runtime_error("corrupt gzip data in " + m_path + ": " + gzerror(m_file, &code));
        }
        // zlib reports a stream cut short (an interrupted download) only through gzerror().
        if (n == 0 && (gzerror(m_file, &code), code == Z_BUF_ERROR)) {
            throw std::runtime_error("truncated gzip data in " + m_path);
        }
        return static_cast<std::size_t>(n);
    }
    std::int64_t position() const override { return gzoffset(m_file); }

private:
    gzFile m_file;
};

class XzFile final : public InputFile
{
public:
    explicit XzFile(std::FILE *f) : m_file(f)
    {
        if (lzma_stream_decoder(&m_stream, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) {
            throw std::runtime_error("cannot start the xz decoder");
        }
    }
    ~XzFile() override
    {
        lzma_end(&m_stream);
        std::fclose(m_file);
    }
    std::size_t read(char *buffer, std::size_t size) override
    {
        m_stream.next_out = reinterpret_cast<uint8_t *>(buffer);
        m_stream.avail_out = size;
        while (m_stream.avail_out > 0 && !m_finished) {
            lzma_action action = LZMA_RUN;
            if (m_stream.avail_in == 0) {
                const std::size_t n = std::fread(m_in.data(), 1, m_in.size(), m_file);
                m_pos += static_cast<std::int64_t>(n);
                m_stream.next_in = m_in.data();
                m_stream.avail_in = n;
                if (n == 0) {
                    action = LZMA_FINISH;
                }
            }
            const lzma_ret ret = lzma_code(&m_stream, action);
            if (ret == LZMA_STREAM_END) {
                m_finished = true;
            } else if (ret != LZMA_OK) {
                throw std::runtime_error("corrupt xz data in " + m_path + " (lzma error " +
                                         std::to_string(static_cast<int>(ret)) + ")");
            }
        }
        return size - m_stream.avail_out;
    }
    std::int64_t position() const override { return m_pos; }

private:
    std::FILE *m_file;
    lzma_stream m_stream = LZMA_STREAM_INIT;
    std::array<uint8_t, kChunk> m_in{};
    std::int64_t m_pos = 0;
    bool m_finished = false;
};

bool endsWith(const std::string &s, const char *suffix)
{
    const std::string suf(suffix);
    return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}

} // namespace

std::string InputFile::name() const
{
    return std::filesystem::path(m_path).filename().string();
}

Result<std::unique_ptr<InputFile>> InputFile::open(const std::string &path)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        return fail(Error::Code::Io, "Cannot read " + path + ": " + ec.message());
    }
    std::FILE *f = std::fopen(path.c_str(), "rb");
    if (!f) {
        return fail(Error::Code::Io, "Cannot open " + path);
    }
    unsigned char magic[6] = {};
    const std::size_t got = std::fread(magic, 1, sizeof magic, f);
    std::rewind(f);
    const bool isGzip = got >= 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    const bool isXz = got >= 6 && magic[0] == 0xfd && magic[1] == '7' && magic[2] == 'z' && magic[3] == 'X' &&
                      magic[4] == 'Z' && magic[5] == 0;
    std::unique_ptr<InputFile> file;
    try {
        if (isGzip || endsWith(path, ".gz")) {
            std::fclose(f);
            if (!isGzip) {
                return fail(Error::Code::InvalidInput, path + " is named .gz but is not gzip data");
            }
            gzFile gz = gzopen(path.c_str(), "rb");
            if (!gz) {
                return fail(Error::Code::Io, "Cannot open " + path);
            }
            file = std::make_unique<GzipFile>(gz);
        } else if (isXz || endsWith(path, ".xz")) {
            if (!isXz) {
                std::fclose(f);
                return fail(Error::Code::InvalidInput, path + " is named .xz but is not xz data");
            }
            file = std::make_unique<XzFile>(f);
        } else {
            file = std::make_unique<PlainFile>(f);
        }
    } catch (const std::exception &e) {
        return fail(Error::Code::Io, e.what());
    }
    file->m_path = path;
    file->m_size = static_cast<std::int64_t>(size);
    return file;
}

} // namespace awb::ingest
