/**
 * {@code livetemplate-maven-plugin}: goals {@code refresh} and {@code test-refresh} make a plain
 * {@code mvn compile} regenerate renderers whose templates changed (docs/templates.md, "Editing
 * templates").
 */
package io.github.livetemplate.maven;
