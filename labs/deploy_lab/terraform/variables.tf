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
  description = "owner/name of the GitHub repository allowed to push images."
  type        = string
}

variable "tags" {
  description = "Tags added to every resource (cost centre, owner...)."
  type        = map(string)
  default     = {}
}
# --8<-- [end:variables]
