/**
 * The optional LLM, bring your own (an OpenAI-compatible endpoint such as vLLM, Ollama or LM
 * Studio; Anthropic; Bedrock by configuration), behind three guards: {@link
 * dev.warroom.assist.llm.Redactor} removes personal data and secrets before any prompt; {@link
 * dev.warroom.assist.llm.EvidencePrompt} puts telemetry in the prompt only as quoted JSON inside a
 * delimited data block, offers the model no tools, and never asks it for the verdict; {@link
 * dev.warroom.assist.llm.SentenceCheck} drops every generated sentence that names a service,
 * metric, version or number the evidence does not hold. The verdict and the ranking never come from
 * the model.
 */
package dev.warroom.assist.llm;
