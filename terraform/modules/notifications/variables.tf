variable "name_prefix" {
  type        = string
  description = "Prefix of every name, <project>-<env>; the topic is <name_prefix>-ops."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,40}$", var.name_prefix))
    error_message = "name_prefix must be 2 to 41 lowercase letters, digits or hyphens, starting with a letter or digit."
  }
}

variable "display_name" {
  type        = string
  description = "Sender name shown in notification emails (at most 100 characters)."
  default     = "Socar data lake"

  validation {
    condition     = length(var.display_name) <= 100
    error_message = "display_name must be at most 100 characters."
  }
}

variable "account_id" {
  type        = string
  description = "AWS account of the lake: AWS services may publish only on behalf of this account (aws:SourceAccount)."

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account id."
  }
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key encrypting the topic; publishers need kms:GenerateDataKey and kms:Decrypt on it."
}

variable "email_addresses" {
  type        = list(string)
  description = "Addresses subscribed to the topic by email; each must confirm the subscription AWS mails to it."
  default     = []

  validation {
    condition     = alltrue([for e in var.email_addresses : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "Each entry of email_addresses must be an email address such as ops@example.com."
  }

  validation {
    condition     = length(distinct(var.email_addresses)) == length(var.email_addresses)
    error_message = "email_addresses must not list an address twice."
  }
}

variable "publisher_role_arns" {
  type        = list(string)
  description = "IAM roles that may publish (for example ops-notifier's role). When set, no other principal of any account may publish."
  default     = []

  validation {
    condition     = alltrue([for a in var.publisher_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$", a))])
    error_message = "Each publisher_role_arns entry must be an IAM role ARN, arn:aws:iam::<account>:role/<name>."
  }
}

variable "publisher_services" {
  type        = list(string)
  description = "AWS service principals that may publish for this account, such as cloudwatch.amazonaws.com for alarms."
  default     = ["cloudwatch.amazonaws.com"]

  validation {
    condition     = alltrue([for s in var.publisher_services : endswith(s, ".amazonaws.com")])
    error_message = "Each publisher_services entry must be an AWS service principal ending in .amazonaws.com."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
