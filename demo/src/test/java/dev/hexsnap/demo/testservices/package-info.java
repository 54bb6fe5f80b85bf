/** Tests of {@code scripts/ensure-services}, which picks the MariaDB and Redis the tests use. */
package dev.hexsnap.demo.testservices;
