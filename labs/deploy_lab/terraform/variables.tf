# --8<-- [start:variables]
variable "name" {
  description = "Name of the service; used for the registry and the deploy role."
  type        = string
  default     = "deploy-lab"
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,40}$", var.name))
    error_message = "Use 3-41 lower-case letters, digits and dashes, starting with a letter."
  }
}

variable "github_repository" {
  # Repositories created after 2026-07-15 (or opted in) get immutable subject claims that carry ids.
  description = "The repository as GitHub's OIDC subject names it: owner/name, or owner@OWNER_ID/name@REPO_ID."
  type        = string
  validation {
    condition     = can(regex("^[A-Za-z0-9-]+(@[0-9]+)?/[A-Za-z0-9._-]+(@[0-9]+)?$", var.github_repository))
    error_message = "Use owner/name, or owner@OWNER_ID/name@REPO_ID for immutable subject claims."
  }
}

variable "cluster_name" {
  description = "The EKS cluster the deploy role may deploy to."
  type        = string
  default     = "production"
}

variable "tags" {
  description = "Tags added to every resource (cost center, owner...)."
  type        = map(string)
  default     = {}
}
# --8<-- [end:variables]
