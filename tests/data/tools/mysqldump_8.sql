-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!50503 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
DROP TABLE IF EXISTS `orders`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `orders` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `uuid` binary(16) NOT NULL DEFAULT (uuid_to_bin(uuid())),
  `customer_email` varchar(255) COLLATE utf8mb4_bin NOT NULL,
  `payload` json DEFAULT NULL,
  `total` decimal(12,2) NOT NULL DEFAULT '0.00',
  `status` enum('new','paid','shipped') CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci NOT NULL DEFAULT 'new',
  `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `updated_at` timestamp NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP,
  `email_domain` varchar(255) GENERATED ALWAYS AS (substring_index(`customer_email`,_utf8mb4'@',-(1))) VIRTUAL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_orders_uuid` (`uuid`),
  KEY `idx_orders_email` (`customer_email`(32)),
  KEY `idx_orders_lower` ((lower(`customer_email`))),
  KEY `idx_status` (`status`) /*!80000 INVISIBLE */,
  CONSTRAINT `orders_chk_1` CHECK ((`total` >= 0))
) ENGINE=InnoDB AUTO_INCREMENT=42 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci COMMENT='注文';
/*!40101 SET character_set_client = @saved_cs_client */;
LOCK TABLES `orders` WRITE;
/*!40000 ALTER TABLE `orders` DISABLE KEYS */;
INSERT INTO `orders` VALUES (1,0x1234,'a@b.c','{}',1.00,'new','2024-01-01 00:00:00',NULL,DEFAULT);
/*!40000 ALTER TABLE `orders` ENABLE KEYS */;
UNLOCK TABLES;
