/**
 * Unit tests of live pages: {@link io.github.livetemplate.test.LiveTest} (one page on the real
 * engine), {@link io.github.livetemplate.test.LiveView} (one connected tab), {@link
 * io.github.livetemplate.test.Update} (one message the tab received), {@link
 * io.github.livetemplate.test.Html} (the rendered page, queried with CSS selectors) and {@link
 * io.github.livetemplate.test.TestContext} (a context for calling one action method directly).
 * Every call runs synchronously on the test's thread.
 */
package io.github.livetemplate.test;
