/**
 * The example apps. Every page here may call the components of the examples' own small template
 * library ({@code components/*.tmpl}): a toast container for flash messages ({@code {{template
 * "ui:toast:v1" .}}}) and a confirmation dialog ({@code {{template "ui:confirm:v1" .Confirm}}}).
 */
@TemplateLibrary({"/components/toast.tmpl", "/components/confirm.tmpl"})
package io.github.livetemplate.examples;

import io.github.livetemplate.TemplateLibrary;
