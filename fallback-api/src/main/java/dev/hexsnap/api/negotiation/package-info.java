/**
 * Client-cache negotiation and the shape of every snapshot answer: whether the client's own
 * copy will do (304), or which bytes to send (the stored gzip as is, or plain JSON), and the
 * headers that say what was served and how old it is.
 */
package dev.hexsnap.api.negotiation;
