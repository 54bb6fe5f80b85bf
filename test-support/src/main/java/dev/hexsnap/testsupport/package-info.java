/**
 * Fixtures every module's tests share: the real MariaDB and Redis of the machine (never
 * mocks), throw-away databases and key namespaces so tests never see each other's data,
 * Redis servers and clusters started on free ports for tests that stop servers, and a
 * pass-through that records what an upstream receives.
 */
package dev.hexsnap.testsupport;
