package dev.hexsnap.upstream.web;

import dev.hexsnap.upstream.pages.PageJson;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes JSON answers: the page is serialised whole into a buffer, then sent with its
 * Content-Length, so a client sees either a whole page or a failed request, never a page cut
 * short by an error half-way through.
 *
 * <p>The buffers are pooled: a 600 KB page serialised into a fresh array is a "humongous"
 * allocation for G1 (more than half a region) on every request, which measurably costs more
 * than building the page. Requests run on virtual threads, so a thread-local buffer would not
 * be reused; a small shared pool is.
 */
final class JsonResponses {

    /** Buffers kept for reuse; more are allocated under load and dropped when the pool is full. */
    private static final int POOLED = 32;
    /** A buffer that grew past this (a huge page) is not kept. */
    private static final int KEEP_AT_MOST = 4 << 20;

    private final PageJson json;
    private final BlockingQueue<Buffer> pool = new ArrayBlockingQueue<>(POOLED);

    JsonResponses(PageJson json) {
        this.json = json;
    }

    void write(HttpServletResponse response, int status, Object body) throws IOException {
        write(response, status, out -> json.write(body, out));
    }

    /** Writes an answer whose JSON another writer produces (the gateway API's shapes). */
    void write(HttpServletResponse response, int status, Body body) throws IOException {
        Buffer buffer = pool.poll();
        if (buffer == null) {
            buffer = new Buffer();
        }
        try {
            body.writeTo(buffer);
            response.setStatus(status);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setContentLength(buffer.size());
            buffer.writeTo(response.getOutputStream());
        } finally {
            if (buffer.capacity() <= KEEP_AT_MOST) {
                buffer.reset();
                pool.offer(buffer);
            }
        }
    }

    void error(HttpServletResponse response, ApiError error) throws IOException {
        write(response, error.status(), error);
    }

    /** Writes a whole JSON answer to a stream (an in-memory buffer: closing it is harmless). */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final class Buffer extends ByteArrayOutputStream {

        Buffer() {
            super(64 << 10);
        }

        int capacity() {
            return buf.length;
        }
    }
}
