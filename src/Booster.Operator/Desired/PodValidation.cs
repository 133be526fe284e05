namespace Booster.Operator.Desired;

/// <summary>
/// Checks of <c>spec.pod</c>: the labels and annotation the operator relies on stay its own, and
/// every imagePullSecrets item names a Secret (the list is keyed by name: an item without one
/// would make the API server refuse the whole Deployment).
/// </summary>
internal static class PodValidation
{
    public static void Validate(Api.PodSpec? pod, FieldErrorList errors)
    {
        foreach (var key in pod?.Labels?.Keys ?? [])
        {
            if (Labels.Reserved.Contains(key, StringComparer.Ordinal))
                errors.Add($"spec.pod.labels[{key}]", "is set by the operator (the Deployment selects pods by it)");
        }
        if (pod?.Annotations?.ContainsKey(ConfigHash.Annotation) == true)
            errors.Add($"spec.pod.annotations[{ConfigHash.Annotation}]", "is set by the operator (it rolls the pods on a change)");
        for (var i = 0; i < (pod?.ImagePullSecrets?.Count ?? 0); i++)
            errors.ObjectName($"spec.pod.imagePullSecrets[{i}].name", pod!.ImagePullSecrets![i]?.Name);
    }
}
