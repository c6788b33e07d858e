package dev.warroom.experts.events;

import dev.warroom.model.FaultClass;
import dev.warroom.model.KubernetesEvent;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps Kubernetes event reasons (kubelet, scheduler, controller-manager, node-problem-detector and
 * the HPA) and the tell-tale phrases of their messages to {@link FaultClass}es. The message is read
 * first where it is more specific than the reason: a {@code BackOff} whose container logged "exec
 * format error" is a wrong-architecture image, not merely a crash loop; an {@code ErrImagePull}
 * saying "no such host" is DNS.
 */
public final class KubernetesReasons {
  private KubernetesReasons() {}

  /** The fault class the event points to, empty for routine events and symptoms. */
  public static Optional<FaultClass> classify(KubernetesEvent event) {
    KubernetesDiagnosis d = diagnose(event);
    return d.isFault() ? Optional.of(d.faultClass()) : Optional.empty();
  }

  /** Full diagnosis of one event; never null. */
  public static KubernetesDiagnosis diagnose(KubernetesEvent event) {
    String reason = event.reason();
    String msg = event.message().toLowerCase(Locale.ROOT);
    KubernetesDiagnosis fromMessage = fromMessage(msg);
    if (fromMessage != null) {
      return fromMessage;
    }
    return switch (reason) {
      case "OOMKilled", "OOMKilling", "SystemOOM" ->
          fault(FaultClass.MEMORY_EXHAUSTION, 0.95, "container killed by the kernel OOM killer");
      case "CrashLoopBackOff" ->
          fault(
              FaultClass.CRASH_LOOP, 0.9, "container keeps exiting and is restarted with back-off");
      case "BackOff" ->
          msg.contains("pull")
              ? fault(FaultClass.BAD_DEPLOY, 0.85, "back-off pulling the image")
              : fault(FaultClass.CRASH_LOOP, 0.85, "back-off restarting a failed container");
      case "ImagePullBackOff", "ErrImagePull", "ErrImageNeverPull", "InvalidImageName" ->
          fault(
              FaultClass.BAD_DEPLOY, 0.9, "the image cannot be pulled: wrong name, tag or access");
      case "FailedScheduling" -> scheduling(msg);
      case "Evicted", "Evicting", "EvictionThresholdMet" -> eviction(msg);
      case "TaintManagerEviction" ->
          fault(FaultClass.NODE_FAILURE, 0.7, "pods evicted from a node marked unreachable");
      case "NodeNotReady", "NodeNotSchedulable", "Rebooted", "KernelDeadlock", "NodeShutdown" ->
          fault(FaultClass.NODE_FAILURE, 0.85, "the node is not ready or restarted");
      case "NodeHasDiskPressure", "FreeDiskSpaceFailed", "ImageGCFailed" ->
          fault(FaultClass.DISK_FULL, 0.85, "the node is short of disk space");
      case "NodeHasInsufficientMemory", "NodeHasMemoryPressure" ->
          fault(FaultClass.MEMORY_EXHAUSTION, 0.8, "the node is short of memory");
      case "NodeHasInsufficientPID" ->
          fault(FaultClass.NODE_FAILURE, 0.6, "the node ran out of process ids");
      case "FailedMount", "FailedAttachVolume", "FailedMapVolume", "CreateContainerConfigError" ->
          fault(
              FaultClass.BAD_DEPLOY,
              0.75,
              "a volume, secret or config map the pod needs is missing or unattachable");
      case "FailedCreatePodSandBox", "NetworkNotReady", "FailedKillPod" ->
          fault(FaultClass.NODE_FAILURE, 0.6, "the node's runtime or network plugin failed");
      case "FailedCreate" ->
          msg.contains("quota") || msg.contains("exceeded")
              ? fault(FaultClass.AUTOSCALER_LIMIT, 0.7, "pods cannot be created: quota exceeded")
              : symptom(0.4, "the controller failed to create a pod");
      case "CPUThrottlingHigh" ->
          fault(FaultClass.CPU_THROTTLING, 0.8, "containers are throttled by their CPU limit");
      case "FailedGetResourceMetric", "FailedComputeMetricsReplicas", "FailedRescale" ->
          fault(FaultClass.AUTOSCALER_LIMIT, 0.6, "the autoscaler cannot scale");
      case "Unhealthy", "ProbeWarning" -> symptom(0.6, "a liveness or readiness probe failed");
      case "Killing" ->
          msg.contains("liveness")
              ? symptom(0.5, "container restarted after failing its liveness probe")
              : routine("container stopped");
      case "Failed" ->
          msg.contains("pull image") || msg.contains("errimagepull")
              ? fault(FaultClass.BAD_DEPLOY, 0.85, "the image cannot be pulled")
              : symptom(0.5, "a container or pod operation failed");
      default ->
          event.isWarning() ? symptom(0.3, "warning: " + reason) : routine("routine: " + reason);
    };
  }

  /**
   * The fault a free-text message names on its own (a restart reason, a container's last words):
   * exec format error, expired certificate, DNS, port in use, OOM; empty when it names none.
   */
  public static Optional<KubernetesDiagnosis> diagnoseMessage(String message) {
    return Optional.ofNullable(fromMessage(message.toLowerCase(Locale.ROOT)));
  }

  /** Phrases that identify the fault whatever the reason says. */
  private static KubernetesDiagnosis fromMessage(String msg) {
    if (msg.contains("exec format error")) {
      return fault(
          FaultClass.WRONG_ARCHITECTURE,
          0.95,
          "the image's binary is built for another CPU architecture (exec format error)");
    }
    if (msg.contains("x509") && msg.contains("expired")
        || msg.contains("certificate has expired")) {
      return fault(FaultClass.TLS_EXPIRED, 0.9, "a TLS certificate has expired");
    }
    if (msg.contains("no such host") || msg.contains("server misbehaving")) {
      return fault(FaultClass.DNS_FAILURE, 0.8, "a name could not be resolved");
    }
    if (msg.contains("address already in use")) {
      return fault(FaultClass.MISCONFIGURED_PORT, 0.8, "the port is already taken");
    }
    if (msg.contains("probe failed") && msg.contains("connection refused")) {
      return fault(
          FaultClass.MISCONFIGURED_PORT,
          0.6,
          "the probe's port refuses connections: the app listens elsewhere or not at all");
    }
    if (msg.contains("oomkilled") || msg.contains("out of memory")) {
      return fault(FaultClass.MEMORY_EXHAUSTION, 0.9, "the container ran out of memory");
    }
    return null;
  }

  private static KubernetesDiagnosis scheduling(String msg) {
    if (msg.contains("insufficient") || msg.contains("too many pods")) {
      return fault(
          FaultClass.AUTOSCALER_LIMIT, 0.8, "no node has room for the pod: cluster at capacity");
    }
    if (msg.contains("taint") || msg.contains("selector") || msg.contains("affinity")) {
      return fault(
          FaultClass.BAD_DEPLOY, 0.7, "the pod's selectors, affinity or tolerations match no node");
    }
    return fault(FaultClass.AUTOSCALER_LIMIT, 0.6, "the pod cannot be scheduled");
  }

  private static KubernetesDiagnosis eviction(String msg) {
    if (msg.contains("ephemeral-storage") || msg.contains("disk") || msg.contains("nodefs")) {
      return fault(FaultClass.DISK_FULL, 0.85, "evicted: the node ran low on disk");
    }
    if (msg.contains("memory")) {
      return fault(FaultClass.MEMORY_EXHAUSTION, 0.85, "evicted: the node ran low on memory");
    }
    return fault(FaultClass.NODE_FAILURE, 0.6, "evicted by the kubelet");
  }

  private static KubernetesDiagnosis fault(FaultClass c, double w, String why) {
    return new KubernetesDiagnosis(c, w, why);
  }

  private static KubernetesDiagnosis symptom(double w, String why) {
    return new KubernetesDiagnosis(null, w, why);
  }

  private static KubernetesDiagnosis routine(String why) {
    return new KubernetesDiagnosis(null, 0.0, why);
  }
}
